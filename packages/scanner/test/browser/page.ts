/** Test page for browser.test.ts: exposes the scanner to puppeteer as `window.scanner`. */
import { configureWasm, decodeImageData, startCameraScan, type CameraScanOptions, type ScanHit } from '../../src/index.js';

const WASM_URL = '/zxing_reader.wasm';

async function scan(opts: CameraScanOptions & { wasm?: boolean }) {
  const { wasm = true, ...rest } = opts;
  let calls = 0;
  const errors: string[] = [];
  const scanning = await startCameraScan(undefined, () => calls++, {
    ...(wasm ? { wasmUrl: WASM_URL } : {}),
    onError: (e) => errors.push(e.message),
    ...rest,
  });
  const settings = scanning.stream.getVideoTracks()[0]?.getSettings();
  const timer = setTimeout(() => scanning.stop(), 20_000); // report instead of hanging
  const hit: ScanHit | null = await scanning.done;
  clearTimeout(timer);
  return {
    hit,
    calls,
    errors,
    tracksEnded: scanning.stream.getTracks().every((t) => t.readyState === 'ended'),
    settings,
    capabilities: scanning.capabilities(),
  };
}

/** Decode `n` camera frames on this thread (WASM), to time 1280×720 decoding in the browser. */
async function timeFrames(n: number) {
  configureWasm({ url: WASM_URL });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
  const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true, srcObject: stream });
  await video.play();
  const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const times: number[] = [];
  const texts = new Set<string | null>();
  for (let i = 0; i < n + 3; i++) {
    ctx.drawImage(video, 0, 0);
    const frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const t0 = performance.now();
    const r = await decodeImageData(frame, { mode: 'frame' });
    if (i >= 3) times.push(performance.now() - t0); // the first frames pay for WASM compile and JIT
    texts.add(r.text);
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const t of stream.getTracks()) t.stop();
  times.sort((a, b) => a - b);
  return { width: canvas.width, height: canvas.height, median: times[times.length >> 1]!, p90: times[Math.floor(times.length * 0.9)]!, texts: [...texts] };
}

Object.assign(window, { scanner: { scan, timeFrames, hasBarcodeDetector: 'BarcodeDetector' in window } });
