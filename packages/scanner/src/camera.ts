/**
 * Camera scanning in the browser: frames from a <video> are throttled, decoded off the main thread
 * (a module Worker; OffscreenCanvas where available), and the scan stops at the first code.
 * The native BarcodeDetector is asked first where it exists (Android, macOS; not Windows/Linux
 * Chrome); the WASM/JS decoder covers the rest and what the detector misses.
 */
import { decodeImageData, type DecodeOptions, type Engine } from './decode.js';
import { configureWasm } from './wasm-engine.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';

export interface ScanHit {
  text: string;
  engine: Engine;
  /** Frames looked at, this one included. */
  frames: number;
  /** Since the scan started. */
  ms: number;
}

export interface CameraScanOptions {
  /** Most frames decoded per second (default 15); a frame is skipped while the previous one is busy. */
  fps?: number;
  /** URL of zxing_reader.wasm served by the page or extension (never a CDN). Without it: JS engine. */
  wasmUrl?: string | URL;
  engine?: DecodeOptions['engine'];
  /** Ask BarcodeDetector first where it supports QR (default true). */
  barcodeDetector?: boolean;
  /** `false` decodes on the main thread; a function supplies the Worker (bundler-specific setups). */
  worker?: boolean | (() => Worker);
  /** Frames wider than this are scaled down before decoding (default 1280). */
  maxWidth?: number;
  torch?: boolean;
  zoom?: number;
  onError?: (error: Error) => void;
}

export interface CameraScan {
  readonly video: HTMLVideoElement;
  readonly stream: MediaStream;
  /** The first hit, or null when stopped first. */
  readonly done: Promise<ScanHit | null>;
  /** Stop scanning; stops the camera tracks when this scan opened them. Idempotent. */
  stop(): void;
  capabilities(): { torch: boolean; zoom: { min: number; max: number; step: number } | null };
  setTorch(on: boolean): Promise<boolean>;
  setZoom(zoom: number): Promise<boolean>;
}

interface DetectedBarcode { rawValue: string; format: string }
interface BarcodeDetectorLike { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> }
interface BarcodeDetectorCtor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

const DEFAULT_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
};

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    return (await Ctor.getSupportedFormats()).includes('qr_code') ? new Ctor({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

export async function startCameraScan(
  source: HTMLVideoElement | MediaStreamConstraints | undefined,
  onResult: (hit: ScanHit) => void,
  options: CameraScanOptions = {},
): Promise<CameraScan> {
  const ownsStream = !(source instanceof HTMLVideoElement && source.srcObject instanceof MediaStream);
  let video: HTMLVideoElement;
  let stream: MediaStream;
  if (source instanceof HTMLVideoElement) {
    video = source;
    stream = source.srcObject instanceof MediaStream ? source.srcObject : await navigator.mediaDevices.getUserMedia(DEFAULT_CONSTRAINTS);
  } else {
    video = document.createElement('video');
    stream = await navigator.mediaDevices.getUserMedia(source ?? DEFAULT_CONSTRAINTS);
  }
  video.muted = true;
  video.playsInline = true;
  if (video.srcObject !== stream) video.srcObject = stream;
  await video.play();

  const track = stream.getVideoTracks()[0];
  const caps = (track?.getCapabilities?.() ?? {}) as MediaTrackCapabilities & { torch?: boolean; zoom?: { min: number; max: number; step: number } };
  const applyAdvanced = async (c: Record<string, unknown>): Promise<boolean> => {
    try {
      await track?.applyConstraints({ advanced: [c as MediaTrackConstraintSet] });
      return true;
    } catch {
      return false;
    }
  };
  const setTorch = (on: boolean) => (caps.torch ? applyAdvanced({ torch: on }) : Promise.resolve(false));
  const setZoom = (z: number) => (caps.zoom ? applyAdvanced({ zoom: Math.min(caps.zoom.max, Math.max(caps.zoom.min, z)) }) : Promise.resolve(false));
  if (options.torch) await setTorch(true);
  if (options.zoom !== undefined) await setZoom(options.zoom);

  const detector = options.barcodeDetector === false ? null : await nativeDetector();
  let worker: Worker | null = null;
  if (options.worker !== false && typeof Worker === 'function') {
    try {
      worker = typeof options.worker === 'function' ? options.worker() : defaultWorker();
      const init: WorkerRequest = { type: 'init', ...(options.wasmUrl ? { wasmUrl: String(options.wasmUrl) } : {}), ...(options.engine ? { engine: options.engine } : {}) };
      worker.postMessage(init);
    } catch {
      worker = null; // e.g. a CSP without worker-src: decode on this thread
    }
  }
  if (!worker) configureWasm(options.wasmUrl ? { url: options.wasmUrl } : { disabled: true });

  const started = performance.now();
  const minGap = 1000 / (options.fps ?? 15);
  const maxWidth = options.maxWidth ?? 1280;
  let stopped = false;
  let busy = false;
  let last = -Infinity;
  let frames = 0;
  let nextId = 0;
  const pending = new Map<number, (r: WorkerResponse) => void>();
  let canvas: HTMLCanvasElement | OffscreenCanvas | undefined;
  let resolveDone!: (hit: ScanHit | null) => void;
  const done = new Promise<ScanHit | null>((r) => (resolveDone = r));

  if (worker) {
    worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => {
      pending.get(data.id)?.(data);
      pending.delete(data.id);
    };
  }

  const stop = () => {
    if (stopped) return;
    stopped = true;
    worker?.terminate();
    for (const settle of pending.values()) settle({ type: 'result', id: -1, text: null, engine: null, ms: 0 });
    pending.clear();
    if (ownsStream) {
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    }
    resolveDone(null);
  };

  const size = () => {
    const scale = Math.min(1, maxWidth / video.videoWidth);
    return { w: Math.round(video.videoWidth * scale), h: Math.round(video.videoHeight * scale) };
  };

  const grab = (w: number, h: number): ImageData => {
    if (!canvas || canvas.width !== w || canvas.height !== h) {
      canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
    }
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw new Error('no 2D canvas context');
    ctx.drawImage(video, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h);
  };

  const decodeFrame = async (attempt: number): Promise<{ text: string | null; engine: Engine | null }> => {
    const { w, h } = size();
    if (worker) {
      const id = nextId++;
      const reply = new Promise<WorkerResponse>((r) => pending.set(id, r));
      if (typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function') {
        const bitmap = await createImageBitmap(video, { resizeWidth: w, resizeHeight: h });
        worker.postMessage({ type: 'frame', id, attempt, bitmap } satisfies WorkerRequest, [bitmap]);
      } else {
        const img = grab(w, h);
        const pixels = img.data.buffer as ArrayBuffer;
        worker.postMessage({ type: 'frame', id, attempt, pixels, width: w, height: h } satisfies WorkerRequest, [pixels]);
      }
      const r = await reply;
      if (r.type === 'error') throw new Error(r.message);
      return { text: r.text, engine: r.engine as Engine | null };
    }
    const r = await decodeImageData(grab(w, h), { mode: 'frame', attempt, ...(options.engine ? { engine: options.engine } : {}) });
    return r.text === null ? { text: null, engine: null } : { text: r.text, engine: r.engine };
  };

  const tick = async () => {
    if (stopped) return;
    schedule();
    const now = performance.now();
    if (busy || now - last < minGap || video.readyState < 2 || !video.videoWidth) return;
    busy = true;
    last = now;
    const attempt = frames++;
    try {
      let hit: { text: string | null; engine: Engine | null } = { text: null, engine: null };
      if (detector) {
        const found = (await detector.detect(video).catch(() => [])).find((b) => b.format === 'qr_code');
        if (found) hit = { text: found.rawValue, engine: 'barcode-detector' };
      }
      if (hit.text === null && !stopped) hit = await decodeFrame(attempt);
      if (hit.text !== null && hit.engine && !stopped) {
        const result: ScanHit = { text: hit.text, engine: hit.engine, frames, ms: performance.now() - started };
        resolveDone(result); // before stop(), which would settle `done` with null
        stop();
        onResult(result);
      }
    } catch (error) {
      options.onError?.(error as Error);
    } finally {
      busy = false;
    }
  };

  // requestVideoFrameCallback fires once per decoded video frame; rAF is the fallback.
  const rvfc = (video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number }).requestVideoFrameCallback;
  const schedule = () => {
    if (stopped) return;
    if (rvfc) rvfc.call(video, () => void tick());
    else requestAnimationFrame(() => void tick());
  };
  schedule();

  return {
    video,
    stream,
    done,
    stop,
    capabilities: () => ({ torch: caps.torch === true, zoom: caps.zoom ?? null }),
    setTorch,
    setZoom,
  };
}
