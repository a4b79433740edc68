/**
 * zxing-cpp compiled to WebAssembly (zxing-wasm): the primary engine.
 *
 * zxing-wasm fetches its .wasm from a public CDN unless told otherwise; we never let it. The binary
 * comes from `configureWasm` (a URL the page serves itself, e.g. `chrome.runtime.getURL(…)`, or the
 * bytes), or, in Node, from the zxing-wasm package on disk. Without either the engine reports itself
 * unavailable and the JS engine takes over.
 */
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import type { ImageDataLike } from './image.js';

export type WasmSource = { url: string | URL } | { binary: ArrayBuffer | Uint8Array } | { disabled: true };

type ZxingReader = typeof import('zxing-wasm/reader');

let source: WasmSource | undefined;
let ready: Promise<ZxingReader | null> | undefined;

/** Where the .wasm comes from. Call before the first decode (or again to switch; it reloads). */
export function configureWasm(next: WasmSource): void {
  source = next;
  ready = undefined;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

async function nodeWasmBytes(): Promise<Uint8Array> {
  // Module names kept out of static analysis so that browser bundlers leave them alone.
  const modName = 'node:module';
  const fsName = 'node:fs/promises';
  const { createRequire } = (await import(/* @vite-ignore */ modName)) as typeof import('node:module');
  const { readFile } = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  return new Uint8Array(await readFile(path));
}

async function load(): Promise<ZxingReader | null> {
  if (source && 'disabled' in source) return null;
  if (typeof WebAssembly !== 'object') return null;
  let overrides: Record<string, unknown>;
  if (source && 'binary' in source) {
    overrides = { wasmBinary: source.binary };
  } else if (source && 'url' in source) {
    const url = String(source.url);
    overrides = { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) };
  } else if (isNode) {
    overrides = { wasmBinary: await nodeWasmBytes() };
  } else {
    return null; // a browser that configured nothing: no CDN fallback, by design
  }
  const zxing = await import('zxing-wasm/reader');
  await zxing.prepareZXingModule({ overrides, fireImmediately: true });
  return zxing;
}

/** The loaded module, or null when WebAssembly is unavailable, disabled, or fails to instantiate (CSP). */
export function wasmReader(): Promise<ZxingReader | null> {
  ready ??= load().catch(() => null);
  return ready;
}

export const QR_ONLY: ReaderOptions = {
  formats: ['QRCode'],
  // Several symbols: when a picture holds more than one code, the largest is the one being shown.
  maxNumberOfSymbols: 4,
  // Plain: the decoded characters themselves; the default (HRI) escapes control characters.
  textMode: 'Plain',
  tryHarder: true,
  tryRotate: false, // QR detection is rotation-invariant; rotating only repeats the work
  tryInvert: true,
  tryDownscale: true,
};

/** First valid QR text, or null. Throws only when the module is missing. */
export async function wasmDecode(image: ImageDataLike, options: ReaderOptions): Promise<string | null> {
  const zxing = await wasmReader();
  if (!zxing) throw new Error('zxing-wasm is not available');
  const results: ReadResult[] = await zxing.readBarcodes(image as ImageData, options);
  let best: ReadResult | undefined;
  for (const r of results) {
    if (r.isValid && r.format.startsWith('QR') && (!best || area(r) > area(best))) best = r;
  }
  return best ? best.text : null;
}

function area({ position: p }: ReadResult): number {
  // Shoelace formula over the four corners.
  const c = [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft];
  let twice = 0;
  for (let i = 0; i < 4; i++) {
    const a = c[i]!;
    const b = c[(i + 1) % 4]!;
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}
