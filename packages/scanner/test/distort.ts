/**
 * Test-only image distortions in pure JS (no canvas): perspective warps, blur, noise, lighting,
 * JPEG round trips and camera-frame composition, all deterministic (seeded).
 */
import jpeg from 'jpeg-js';
import type { ImageDataLike } from '../src/image.js';

export type Img = { data: Uint8ClampedArray; width: number; height: number };
export type Pt = readonly [number, number];

import { rng } from '../../../tests/support/rng.js';

export { rng };

function clone(img: ImageDataLike): Img {
  return { data: new Uint8ClampedArray(img.data), width: img.width, height: img.height };
}

/** 3×3 homography (row-major, h33 = 1) taking the four `from` points onto the four `to` points. */
export function homography(from: readonly Pt[], to: readonly Pt[]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return [...a.map((row, i) => row[8]! / row[i]!), 1];
}

/**
 * Draw `src` into a `width`×`height` canvas so that its corners land on `corners` (TL, TR, BR, BL),
 * bilinear sampling, `background` elsewhere (a grey value or an image of the canvas size).
 */
export function warp(src: ImageDataLike, width: number, height: number, corners: readonly Pt[], background: number | Img = 255): Img {
  const w = src.width;
  const h = src.height;
  const inv = homography(corners, [[0, 0], [w, 0], [w, h], [0, h]]);
  const out = typeof background === 'number' ? solid(width, height, background) : clone(background);
  const s = src.data;
  // Only the quad's bounding box can receive pixels.
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const bx0 = Math.max(0, Math.floor(Math.min(...xs)));
  const bx1 = Math.min(width, Math.ceil(Math.max(...xs)) + 1);
  const by0 = Math.max(0, Math.floor(Math.min(...ys)));
  const by1 = Math.min(height, Math.ceil(Math.max(...ys)) + 1);
  for (let y = by0; y < by1; y++) {
    for (let x = bx0; x < bx1; x++) {
      const X = x + 0.5;
      const Y = y + 0.5;
      const d = inv[6]! * X + inv[7]! * Y + inv[8]!;
      const sx = (inv[0]! * X + inv[1]! * Y + inv[2]!) / d - 0.5;
      const sy = (inv[3]! * X + inv[4]! * Y + inv[5]!) / d - 0.5;
      if (sx < -0.5 || sy < -0.5 || sx > w - 0.5 || sy > h - 0.5) continue;
      const x0 = Math.max(0, Math.min(w - 1, Math.floor(sx)));
      const y0 = Math.max(0, Math.min(h - 1, Math.floor(sy)));
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const fx = Math.max(0, Math.min(1, sx - x0));
      const fy = Math.max(0, Math.min(1, sy - y0));
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = s[(y0 * w + x0) * 4 + c]! * (1 - fx) + s[(y0 * w + x1) * 4 + c]! * fx;
        const bot = s[(y1 * w + x0) * 4 + c]! * (1 - fx) + s[(y1 * w + x1) * 4 + c]! * fx;
        out.data[o + c] = top * (1 - fy) + bot * fy;
      }
      out.data[o + 3] = 255;
    }
  }
  return out;
}

export function solid(width: number, height: number, grey: number): Img {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width, height };
}

/** Corners of the image rotated by `deg` about its centre and scaled by `scale`, on a canvas that fits. */
export function rotated(src: ImageDataLike, deg: number, scale = 1): Img {
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t) * scale;
  const s = Math.sin(t) * scale;
  const hw = src.width / 2;
  const hh = src.height / 2;
  const pts: Pt[] = [[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]].map(([x, y]) => [x! * c - y! * s, x! * s + y! * c] as const);
  const side = Math.ceil(Math.max(...pts.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y))))) * 2 + 8;
  return warp(src, side, side, pts.map(([x, y]) => [x + side / 2, y + side / 2] as const));
}

/** A keystone view: the top edge `shrink` narrower than the bottom, as when the phone leans back. */
export function perspective(src: ImageDataLike, shrink: number, scale = 1): Img {
  const w = src.width * scale;
  const h = src.height * scale;
  const pad = 8;
  const inset = (w * shrink) / 2;
  return warp(src, Math.ceil(w) + 2 * pad, Math.ceil(h * 0.9) + 2 * pad, [
    [pad + inset, pad], [pad + w - inset, pad], [pad + w, pad + h * 0.9], [pad, pad + h * 0.9],
  ]);
}

/** Separable box blur of radius r, applied `passes` times (3 passes ≈ Gaussian). */
export function blur(src: ImageDataLike, r: number, passes = 3): Img {
  let cur = clone(src);
  for (let p = 0; p < passes; p++) cur = boxPass(boxPass(cur, r, true), r, false);
  return cur;
}

function boxPass(src: Img, r: number, horizontal: boolean): Img {
  const { width: w, height: h } = src;
  const out = clone(src);
  const lines = horizontal ? h : w;
  const len = horizontal ? w : h;
  for (let l = 0; l < lines; l++) {
    const idx = (i: number) => (horizontal ? l * w + Math.max(0, Math.min(len - 1, i)) : Math.max(0, Math.min(len - 1, i)) * w + l) * 4;
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let i = -r; i <= r; i++) sum += src.data[idx(i) + c]!;
      for (let i = 0; i < len; i++) {
        out.data[idx(i) + c] = sum / (2 * r + 1);
        sum += src.data[idx(i + r + 1) + c]! - src.data[idx(i - r) + c]!;
      }
    }
  }
  return out;
}

/** Additive noise, uniform in ±amp, per pixel (sensor noise in low light). */
export function noise(src: ImageDataLike, amp: number, seed: number): Img {
  const out = clone(src);
  // A seeded table of 64 Ki values walked from a seeded offset: cheap enough for whole camera frames.
  const r = rng(seed);
  const table = new Float32Array(1 << 16).map(() => r() * 2 - 1);
  let k = Math.floor(r() * table.length);
  for (let i = 0; i < out.data.length; i += 4, k = (k + 1) & 0xffff) {
    const n = table[k]! * amp;
    out.data[i] = out.data[i]! + n;
    out.data[i + 1] = out.data[i + 1]! + n;
    out.data[i + 2] = out.data[i + 2]! + n;
  }
  return out;
}

export function invert(src: ImageDataLike): Img {
  const out = clone(src);
  for (let i = 0; i < out.data.length; i += 4) for (let c = 0; c < 3; c++) out.data[i + c] = 255 - out.data[i + c]!;
  return out;
}

/** Map grey levels into [lo, hi]: dim rooms (low, narrow range) or washed-out screens. */
export function levels(src: ImageDataLike, lo: number, hi: number): Img {
  const out = clone(src);
  for (let i = 0; i < out.data.length; i += 4) for (let c = 0; c < 3; c++) out.data[i + c] = lo + (out.data[i + c]! * (hi - lo)) / 255;
  return out;
}

/** A soft bright spot (glare on a phone screen) of the given strength, centred at (cx, cy) in [0,1]. */
export function glare(src: ImageDataLike, cx: number, cy: number, radius: number, strength: number): Img {
  const out = clone(src);
  const { width: w, height: h } = src;
  const rad = radius * Math.min(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d2 = ((x - cx * w) ** 2 + (y - cy * h) ** 2) / (rad * rad);
      const g = strength * Math.exp(-d2);
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) out.data[o + c] = out.data[o + c]! + g * (255 - out.data[o + c]!);
    }
  }
  return out;
}

/** Moiré-like interference: a fine sinusoidal grating over the picture (screen photographed). */
export function moire(src: ImageDataLike, period: number, amp: number, angleDeg = 17): Img {
  const out = clone(src);
  const t = (angleDeg * Math.PI) / 180;
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const v = amp * Math.sin(((x * Math.cos(t) + y * Math.sin(t)) * 2 * Math.PI) / period);
      const o = (y * src.width + x) * 4;
      for (let c = 0; c < 3; c++) out.data[o + c] = out.data[o + c]! + v;
    }
  }
  return out;
}

export function jpegRoundTrip(src: ImageDataLike, quality: number): Img {
  const enc = jpeg.encode({ data: Buffer.from(src.data.buffer, src.data.byteOffset, src.data.byteLength), width: src.width, height: src.height }, quality);
  const dec = jpeg.decode(enc.data, { useTArray: true, formatAsRGBA: true });
  return { data: new Uint8ClampedArray(dec.data.buffer, dec.data.byteOffset, dec.data.byteLength), width: dec.width, height: dec.height };
}

/** A cluttered desk-like background (smooth gradients plus texture), seeded. */
export function clutter(width: number, height: number, seed: number): Img {
  const key = `${width}x${height}/${seed}`;
  let img = backgrounds.get(key);
  if (!img) backgrounds.set(key, (img = drawClutter(width, height, seed)));
  return img; // warp() copies it before drawing
}
const backgrounds = new Map<string, Img>();

function drawClutter(width: number, height: number, seed: number): Img {
  const r = rng(seed);
  const out = solid(width, height, 0);
  const fx = 2 + r() * 3;
  const fy = 1 + r() * 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = 110 + 50 * Math.sin((x / width) * fx * Math.PI) * Math.cos((y / height) * fy * Math.PI) + (r() - 0.5) * 30;
      const o = (y * width + x) * 4;
      out.data[o] = v + 10;
      out.data[o + 1] = v;
      out.data[o + 2] = v - 10;
    }
  }
  return out;
}

/**
 * A 1280×720-style camera frame: the code (with its quiet zone) as a slightly tilted, keystoned quad
 * covering `cover` of the frame height around (cx, cy), over clutter, with sensor noise.
 */
export function cameraFrame(code: ImageDataLike, opts: { width?: number; height?: number; cover?: number; cx?: number; cy?: number; tilt?: number; seed?: number; keystone?: number; noise?: number } = {}): Img {
  const { width = 1280, height = 720, cover = 0.55, cx = 0.5, cy = 0.5, tilt = 8, seed = 1, keystone: k = 0.06, noise: amp = 12 } = opts;
  const side = height * cover;
  const t = (tilt * Math.PI) / 180;
  const base: Pt[] = [[-0.5 + k, -0.5], [0.5 - k, -0.5], [0.5, 0.5], [-0.5, 0.5]];
  const corners = base.map(([x, y]) => [cx * width + side * (x * Math.cos(t) - y * Math.sin(t)), cy * height + side * (x * Math.sin(t) + y * Math.cos(t))] as const);
  return noise(warp(code, width, height, corners, clutter(width, height, seed)), amp, seed + 7);
}
