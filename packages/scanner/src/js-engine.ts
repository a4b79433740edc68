/**
 * @zxing/library (pure JavaScript): the fallback where WebAssembly is unavailable or disallowed, and
 * a second opinion on still images the WASM engine gave up on (its binarizers differ).
 */
import type { GrayImage } from './image.js';

type ZxingJs = typeof import('@zxing/library');
let lib: Promise<ZxingJs> | undefined;

function load(): Promise<ZxingJs> {
  lib ??= import('@zxing/library').then((m) => ((m as { default?: ZxingJs }).default ?? m) as ZxingJs);
  return lib;
}

export interface JsDecodeOptions {
  tryHarder?: boolean;
  /** Also try the global-histogram binarizer (helps with uniform low contrast, e.g. dim screens). */
  globalHistogram?: boolean;
  /** Also try the inverted image (light modules on dark). */
  tryInvert?: boolean;
}

export async function jsDecode(gray: GrayImage, options: JsDecodeOptions = {}): Promise<string | null> {
  const z = await load();
  const reader = new z.QRCodeReader();
  const hints = new Map<import('@zxing/library').DecodeHintType, unknown>();
  if (options.tryHarder) hints.set(z.DecodeHintType.TRY_HARDER, true);
  // RGBLuminanceSource takes an 8-bit array as ready-made luminances.
  const lum = new Uint8ClampedArray(gray.data.buffer, gray.data.byteOffset, gray.data.length);
  const base = new z.RGBLuminanceSource(lum, gray.width, gray.height);
  const sources = options.tryInvert ? [base, base.invert()] : [base];
  for (const src of sources) {
    const binarizers = options.globalHistogram
      ? [new z.HybridBinarizer(src), new z.GlobalHistogramBinarizer(src)]
      : [new z.HybridBinarizer(src)];
    for (const binarizer of binarizers) {
      try {
        return reader.decode(new z.BinaryBitmap(binarizer), hints).getText();
      } catch {
        // NotFound / Checksum / Format: try the next variant
      } finally {
        reader.reset();
      }
    }
  }
  return null;
}
