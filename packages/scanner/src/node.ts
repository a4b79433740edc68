/**
 * Node-only helpers: read PNG/JPEG files (pngjs, jpeg-js: pure JS, no native canvas) and decode them;
 * write generated codes as PNG.
 */
import { readFile } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeImageData, type DecodeOptions, type DecodeResult } from './decode.js';
import type { ImageDataLike } from './image.js';
import { renderQr, type QrRenderOptions } from './qr.js';

export * from './index.js';

/** Thrown for bytes that are neither PNG nor JPEG, or a corrupt image. */
export class ImageFormatError extends Error {
  override readonly name = 'ImageFormatError';
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

/** PNG or JPEG bytes → RGBA pixels (format sniffed from the bytes, not the file name). */
export function readImage(bytes: Uint8Array): ImageDataLike {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (PNG_MAGIC.every((b, i) => buf[i] === b)) {
      const png = PNG.sync.read(buf);
      return { data: png.data, width: png.width, height: png.height };
    }
    if (buf[0] === 0xff && buf[1] === 0xd8) {
      // Limits sized for phone photos (up to ~50 MP) but not for decompression bombs.
      const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 60, maxMemoryUsageInMB: 1024 });
      return { data: img.data, width: img.width, height: img.height };
    }
  } catch (error) {
    throw new ImageFormatError(`corrupt image: ${(error as Error).message}`);
  }
  throw new ImageFormatError('not a PNG or JPEG image');
}

/** Decode the QR code in PNG/JPEG bytes. Throws ImageFormatError for bytes that are not an image. */
export async function decodeBytes(bytes: Uint8Array, options?: DecodeOptions): Promise<DecodeResult> {
  return decodeImageData(readImage(bytes), options);
}

/**
 * The text of the QR code in a PNG/JPEG file, or null when the image holds none.
 * Rejects (fs errors, ImageFormatError) when the file cannot be read as an image.
 */
export async function decodeFile(path: string, options?: DecodeOptions): Promise<string | null> {
  return (await decodeBytes(await readFile(path), options)).text;
}

/** Like decodeFile, with the engine that found it. */
export async function decodeFileResult(path: string, options?: DecodeOptions): Promise<DecodeResult> {
  return decodeBytes(await readFile(path), options);
}

/** PNG-encode RGBA pixels. */
export function encodePng(image: ImageDataLike): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}

/** JPEG-encode RGBA pixels (quality 1–100). */
export function encodeJpeg(image: ImageDataLike, quality = 85): Buffer {
  return jpeg.encode({ data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height }, quality).data;
}

/** A QR code as PNG bytes (for the dev issuer and fixtures). */
export function qrPng(text: string, options?: QrRenderOptions): Buffer {
  return encodePng(renderQr(text, options));
}
