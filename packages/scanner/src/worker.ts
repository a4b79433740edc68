/**
 * Decoder worker: camera frames are decoded here, off the page's main thread. Frames arrive as
 * ImageBitmaps (drawn on an OffscreenCanvas here) or as RGBA buffers (transferred, not copied).
 */
import { decodeImageData, type DecodeOptions } from './decode.js';
import { configureWasm } from './wasm-engine.js';

export type WorkerRequest =
  | { type: 'init'; wasmUrl?: string; engine?: DecodeOptions['engine'] }
  | { type: 'frame'; id: number; attempt: number; bitmap: ImageBitmap }
  | { type: 'frame'; id: number; attempt: number; pixels: ArrayBuffer; width: number; height: number };

export type WorkerResponse =
  | { type: 'result'; id: number; text: string | null; engine: string | null; ms: number }
  | { type: 'error'; id: number; message: string };

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}
const scope = globalThis as unknown as WorkerScope;

let engine: DecodeOptions['engine'] = 'auto';
let canvas: OffscreenCanvas | undefined;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

function pixelsOf(bitmap: ImageBitmap): ImageData {
  const { width, height } = bitmap; // a closed bitmap reports 0×0
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new Error('no 2D context on OffscreenCanvas');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, width, height);
}

scope.onmessage = async ({ data: msg }) => {
  if (msg.type === 'init') {
    if (msg.wasmUrl) configureWasm({ url: msg.wasmUrl });
    else if (msg.engine !== 'js') configureWasm({ disabled: true }); // no URL: never a CDN, use JS
    engine = msg.engine ?? 'auto';
    return;
  }
  try {
    const t0 = performance.now();
    const image = 'bitmap' in msg ? pixelsOf(msg.bitmap) : { data: new Uint8ClampedArray(msg.pixels), width: msg.width, height: msg.height };
    const r = await decodeImageData(image, { mode: 'frame', attempt: msg.attempt, engine });
    scope.postMessage({ type: 'result', id: msg.id, text: r.text, engine: r.text === null ? null : r.engine, ms: performance.now() - t0 });
  } catch (error) {
    scope.postMessage({ type: 'error', id: msg.id, message: (error as Error).message });
  }
};
