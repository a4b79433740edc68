/**
 * Pixel plumbing shared by every engine: everything is turned into one 8-bit luma plane first, so
 * that crops, downscales and inversions cost one pass over a quarter of the RGBA bytes.
 */

/** `ImageData`, or anything shaped like it (Node has no ImageData). `data` is RGBA, 4 bytes a pixel. */
export interface ImageDataLike {
  readonly data: Uint8ClampedArray | Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** A single-channel (luma) image, row-major, no padding. */
export interface GrayImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export function assertImage(image: ImageDataLike): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size ${width}×${height} is not a positive integer size`);
  }
  if (!data || data.length < width * height * 4) {
    throw new RangeError(`image data holds ${data?.length ?? 0} bytes, ${width}×${height} RGBA needs ${width * height * 4}`);
  }
}

/**
 * RGBA → luma with the integer BT.601 weights zxing-cpp uses, so both engines see the same plane.
 * Transparent pixels count as white: a PNG QR drawn on a transparent background is dark-on-light.
 */
export function toGray(image: ImageDataLike): GrayImage {
  const { data, width, height } = image;
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const y = (306 * data[p]! + 601 * data[p + 1]! + 117 * data[p + 2]! + 512) >> 10;
    const a = data[p + 3]!;
    out[i] = a === 255 ? y : 255 - (((255 - y) * a + 127) / 255 | 0);
  }
  return { data: out, width, height };
}

/** The centred rectangle covering `fraction` of each side (camera users hold the code in the middle). */
export function centreCrop(gray: GrayImage, fraction: number): GrayImage {
  const side = Math.round(Math.min(gray.width, gray.height) * fraction);
  const w = Math.min(gray.width, side);
  const h = Math.min(gray.height, side);
  const x0 = (gray.width - w) >> 1;
  const y0 = (gray.height - h) >> 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const from = (y0 + y) * gray.width + x0;
    out.set(gray.data.subarray(from, from + w), y * w);
  }
  return { data: out, width: w, height: h };
}

/** Box-filter downscale by an integer factor: averaging also tames moiré and sensor noise. */
export function downscale(gray: GrayImage, factor: number): GrayImage {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return gray;
  const w = Math.floor(gray.width / f);
  const h = Math.floor(gray.height / f);
  const out = new Uint8Array(w * h);
  const area = f * f;
  const src = gray.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let row = y * f * gray.width + x * f;
      for (let dy = 0; dy < f; dy++, row += gray.width) {
        for (let dx = 0; dx < f; dx++) sum += src[row + dx]!;
      }
      out[y * w + x] = (sum / area + 0.5) | 0;
    }
  }
  return { data: out, width: w, height: h };
}

export function invert(gray: GrayImage): GrayImage {
  const out = new Uint8Array(gray.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 255 - gray.data[i]!;
  return { data: out, width: gray.width, height: gray.height };
}

/** Luma back to RGBA (grey pixels), for APIs that only take ImageData. */
export function grayToRgba(gray: GrayImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(gray.width * gray.height * 4);
  for (let i = 0, p = 0; i < gray.data.length; i++, p += 4) {
    const v = gray.data[i]!;
    out[p] = v;
    out[p + 1] = v;
    out[p + 2] = v;
    out[p + 3] = 255;
  }
  return out;
}

/** Centre crop straight on RGBA (row copies), for engines that take RGBA. */
export function centreCropRgba(image: ImageDataLike, fraction: number): ImageDataLike {
  const side = Math.round(Math.min(image.width, image.height) * fraction);
  const w = Math.min(image.width, side);
  const h = Math.min(image.height, side);
  const x0 = (image.width - w) >> 1;
  const y0 = (image.height - h) >> 1;
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    out.set(image.data.subarray(from, from + w * 4), y * w * 4);
  }
  return { data: out, width: w, height: h };
}

/** Downscale to grey RGBA (what the engines read anyway) by an integer box filter. */
export function downscaleRgba(image: ImageDataLike, factor: number): ImageDataLike {
  const small = downscale(toGray(image), factor);
  return { data: grayToRgba(small), width: small.width, height: small.height };
}

/**
 * Nearest-neighbour ×2 upscale, as grey RGBA: zxing-cpp's local binarizer works on 8-px blocks and
 * loses codes whose modules are only ~2 px wide; doubling them brings those back.
 */
export function upscale2Rgba(image: ImageDataLike): ImageDataLike {
  const g = toGray(image);
  const w = g.width * 2;
  const out = new Uint8ClampedArray(w * g.height * 2 * 4).fill(255);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const v = g.data[y * g.width + x]!;
      const p = (2 * y * w + 2 * x) * 4;
      out[p] = out[p + 1] = out[p + 2] = out[p + 4] = out[p + 5] = out[p + 6] = v;
      const q = p + w * 4;
      out[q] = out[q + 1] = out[q + 2] = out[q + 4] = out[q + 5] = out[q + 6] = v;
    }
  }
  return { data: out, width: w, height: g.height * 2 };
}

/** 3×3 box blur, as grey RGBA: knocks down sensor noise and moiré before binarization. */
export function smoothRgba(image: ImageDataLike): ImageDataLike {
  const g = toGray(image);
  const { width: w, height: h } = g;
  const out = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < h; y++) {
    const y0 = y > 0 ? y - 1 : y;
    const y1 = y < h - 1 ? y + 1 : y;
    for (let x = 0; x < w; x++) {
      const x0 = x > 0 ? x - 1 : x;
      const x1 = x < w - 1 ? x + 1 : x;
      let s = 0;
      for (const yy of [y0, y, y1]) {
        const r = yy * w;
        s += g.data[r + x0]! + g.data[r + x]! + g.data[r + x1]!;
      }
      const p = (y * w + x) * 4;
      out[p] = out[p + 1] = out[p + 2] = (s / 9 + 0.5) | 0;
    }
  }
  return { data: out, width: w, height: h };
}
