/**
 * Getting the presentation text: the camera (continuous scanning that stops at the first decode,
 * with a beep and a flash), an uploaded image, or pasted text. Shared by the panel and the camera
 * page. The .wasm decoder is the extension's own copy (never a CDN).
 */
import { configureWasm, decodeImageData, startCameraScan, type CameraScan } from '@yizhao/scanner';
import { ext } from '../shared/browser.js';
import { h, onTrustedClick } from '../shared/dom.js';
import type { T } from '../shared/i18n.js';

const wasmUrl = () => ext.runtime.getURL('wasm/zxing_reader.wasm');

export type CameraPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

export async function cameraPermission(): Promise<CameraPermission> {
  try {
    return (await navigator.permissions.query({ name: 'camera' as PermissionName })).state;
  } catch {
    return 'unknown';
  }
}

/** A short beep and a green flash: the clerk looks at the applicant, not the screen. */
export function cue(target: HTMLElement): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.1;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.12);
    osc.onended = () => void ctx.close();
  } catch {
    // no audio output: the flash still shows
  }
  target.classList.remove('cue');
  void target.offsetWidth;
  target.classList.add('cue');
}

export interface ScanUi {
  readonly root: HTMLElement;
  startCamera(): Promise<void>;
  stopCamera(): void;
}

export interface ScanUiOptions {
  t: T;
  onText(text: string, via: 'camera' | 'image' | 'paste'): void;
  /** Called instead of starting the camera here when this page cannot prompt for it. */
  onNeedGrant?: () => void;
}

export function createScanUi(o: ScanUiOptions): ScanUi {
  const { t } = o;
  const video = h('video', { id: 'video', muted: true, playsinline: true, hidden: true });
  const status = h('div', { id: 'scan-status', class: 'status', role: 'status' });
  const cameraBtn = h('button', { type: 'button', id: 'camera-btn', class: 'primary' }, t('camera'));
  const stopBtn = h('button', { type: 'button', id: 'camera-stop', hidden: true }, t('cameraStop'));
  const file = h('input', { type: 'file', id: 'image-input', accept: 'image/*' });
  const fileLabel = h('label', { class: 'button', for: 'image-input' }, t('upload'));
  const text = h('textarea', { id: 'paste-input', rows: 3, placeholder: 'YZL1:…', 'aria-label': t('paste') });
  const verifyBtn = h('button', { type: 'button', id: 'paste-verify' }, t('verify'));
  const root = h('section', { id: 'scan', class: 'card' },
    h('h2', {}, t('scan')),
    h('div', { class: 'row' }, cameraBtn, stopBtn, fileLabel, file),
    video,
    status,
    h('div', { class: 'paste' }, text, verifyBtn),
  );
  file.classList.add('visually-hidden');
  let scan: CameraScan | null = null;
  configureWasm({ url: wasmUrl() });

  const stopCamera = () => {
    scan?.stop();
    scan = null;
    video.hidden = true;
    stopBtn.hidden = true;
    cameraBtn.hidden = false;
  };

  async function startCamera() {
    if (scan) return;
    status.textContent = t('scanning');
    try {
      video.hidden = false;
      cameraBtn.hidden = true;
      stopBtn.hidden = false;
      scan = await startCameraScan(video, (hit) => {
        cue(root);
        status.textContent = '';
        o.onText(hit.text, 'camera');
      }, { wasmUrl: wasmUrl(), onError: (e) => (status.textContent = e.message) });
      void scan.done.then(stopCamera);
    } catch (e) {
      stopCamera();
      status.textContent = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  }

  onTrustedClick(cameraBtn, async () => {
    if (o.onNeedGrant && (await cameraPermission()) !== 'granted') return o.onNeedGrant();
    await startCamera();
  });
  onTrustedClick(stopBtn, stopCamera);
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    file.value = '';
    if (!f) return;
    status.textContent = t('scanning');
    try {
      const bitmap = await createImageBitmap(f);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(bitmap, 0, 0);
      const result = await decodeImageData(ctx.getImageData(0, 0, bitmap.width, bitmap.height));
      bitmap.close();
      if (result.text === null) {
        status.textContent = t('noCode');
        return;
      }
      status.textContent = '';
      cue(root);
      o.onText(result.text, 'image');
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : String(e);
    }
  });
  onTrustedClick(verifyBtn, () => {
    const v = text.value.trim();
    if (v) o.onText(v, 'paste');
  });
  return { root, startCamera, stopCamera };
}
