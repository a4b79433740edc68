/**
 * `decodeImageData`: one QR code from pixels, in the browser or in Node.
 *
 * Passes run cheapest-first and stop at the first valid text. zxing-cpp (WASM) does the work; the
 * pure-JS engine is the fallback without WebAssembly and a last resort on still images, because its
 * binarizers fail on different pictures than zxing-cpp's (union of both, paid only on failures).
 */
import { assertImage, centreCropRgba, downscaleRgba, smoothRgba, toGray, upscale2Rgba, type ImageDataLike } from './image.js';
import { jsDecode } from './js-engine.js';
import { QR_ONLY, wasmDecode, wasmReader } from './wasm-engine.js';

export type Engine = 'wasm' | 'js' | 'barcode-detector';

export type DecodeResult =
  | { readonly text: string; readonly engine: Engine }
  | { readonly text: null; readonly reason: 'NO_CODE_FOUND' };

export interface DecodeOptions {
  /**
   * `image` (default): a still picture, try hard. `frame`: one camera frame among many: one cheap
   * pass plus the strategy whose turn it is (see `attempt`); the next frame is another try.
   */
  mode?: 'image' | 'frame';
  /** `auto` (default): WASM when it loads, else JS. `js` forces the fallback (e.g. strict CSP). */
  engine?: 'auto' | 'wasm' | 'js';
  /**
   * `frame` mode: the number of this frame in the scan. Frames take turns at the slower strategies
   * (inverted codes, blur, noise, small codes), so each frame stays cheap and a few frames cover all.
   */
  attempt?: number;
}

/** How many consecutive `frame` attempts it takes to go through every strategy once. */
export const FRAME_STRATEGIES = 4;

export const NO_CODE_FOUND: DecodeResult = Object.freeze({ text: null, reason: 'NO_CODE_FOUND' as const });

/** Longest side above which a still image is first tried downscaled (phone photos are 12+ MP). */
const HUGE_SIDE = 2000;
/** Longest side up to which a failed still image is retried at double size. */
const UPSCALE_MAX = 1200;
/** Share of the shorter side that the centre pass of a camera frame looks at. */
const CENTRE = 0.5;

type Pass = { engine: Engine; run: () => Promise<string | null> };

export async function decodeImageData(image: ImageDataLike, options: DecodeOptions = {}): Promise<DecodeResult> {
  assertImage(image);
  const mode = options.mode ?? 'image';
  const want = options.engine ?? 'auto';
  const wasm = want === 'js' ? null : await wasmReader();
  if (want === 'wasm' && !wasm) throw new Error('zxing-wasm could not be loaded (see configureWasm)');
  for (const pass of plan(image, mode, options.attempt ?? 0, wasm !== null, want)) {
    const text = await pass.run();
    if (text !== null) return { text, engine: pass.engine };
  }
  return NO_CODE_FOUND;
}

/** Convenience: the text, or null when no code was found. */
export async function decodeText(image: ImageDataLike, options?: DecodeOptions): Promise<string | null> {
  return (await decodeImageData(image, options)).text;
}

function* plan(image: ImageDataLike, mode: 'image' | 'frame', attempt: number, haveWasm: boolean, want: string): Generator<Pass> {
  const longSide = Math.max(image.width, image.height);
  const w = (img: ImageDataLike, opts = QR_ONLY): Pass => ({ engine: 'wasm', run: () => wasmDecode(img, opts) });
  const j = (img: () => ImageDataLike, tryHard: boolean): Pass => ({
    engine: 'js',
    run: () => jsDecode(toGray(img()), { tryHarder: tryHard, globalHistogram: tryHard, tryInvert: tryHard }),
  });

  if (mode === 'frame') {
    yield* framePlan(image, attempt, haveWasm);
    return;
  }

  if (haveWasm) {
    if (longSide > HUGE_SIDE) yield w(downscaleRgba(image, Math.ceil(longSide / (HUGE_SIDE / 2))));
    yield w(image);
    // Each further pass fixes a failure the default binarizer has; they only run when it failed.
    yield w(image, { ...QR_ONLY, binarizer: 'GlobalHistogram' }); // even light, heavy noise
    if (longSide <= UPSCALE_MAX) yield { engine: 'wasm', run: () => wasmDecode(upscale2Rgba(image), QR_ONLY) }; // ~2-px modules
    yield { engine: 'wasm', run: () => wasmDecode(smoothRgba(image), QR_ONLY) }; // noise, moiré, jaggies
    if (want === 'wasm') return;
  }
  const scaled = longSide > HUGE_SIDE ? () => downscaleRgba(image, Math.ceil(longSide / HUGE_SIDE)) : () => image;
  yield j(scaled, true);
}

/**
 * Camera frames. Measured on 1280×720 frames (scripts/bench/scanner.ts): the fast full-frame pass
 * (no tryHarder, no downscale, no inversion) is ~8 ms and finds codes of every size held in view;
 * the other strategies cost 1–2× that and only matter in bad conditions, so they rotate per frame.
 */
function* framePlan(image: ImageDataLike, attempt: number, haveWasm: boolean): Generator<Pass> {
  const fast = { ...QR_ONLY, tryHarder: false, tryDownscale: false, tryInvert: false };
  const turn = ((attempt % FRAME_STRATEGIES) + FRAME_STRATEGIES) % FRAME_STRATEGIES;
  if (!haveWasm) {
    // Pure JS is ~5× slower: alternate centre (small search area) and full frame.
    const centre = Math.min(image.width, image.height) >= 240 && turn % 2 === 1;
    const img = () => (centre ? centreCropRgba(image, CENTRE * 1.5) : image);
    yield { engine: 'js', run: () => jsDecode(toGray(img()), { tryInvert: turn === 2 }) };
    return;
  }
  const run = (img: () => ImageDataLike, opts: typeof QR_ONLY): Pass => ({ engine: 'wasm', run: () => wasmDecode(img(), opts) });
  yield run(() => image, fast);
  if (turn === 1) yield run(() => image, { ...fast, tryInvert: true, tryDownscale: true, tryHarder: true }); // inverted, blurred
  if (turn === 2) yield run(() => smoothRgba(image), { ...fast, binarizer: 'GlobalHistogram' }); // noise, moiré, glare
  if (turn === 3) yield run(() => upscale2Rgba(centreCropRgba(image, CENTRE)), fast); // far away: small modules
}
