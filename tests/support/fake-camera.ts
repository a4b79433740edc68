/**
 * Chromium's fake camera for browser tests: the flags that turn it on, and YUV4MPEG2 (4:2:0,
 * full-range BT.601) videos it plays in a loop — from any RGBA frames, or a QR code on a plain field.
 */
import { writeFileSync } from 'node:fs';
import { renderQr, type EccLevel } from '@yizhao/scanner';

export interface RgbaFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** Launch arguments: a fake device playing `video`, camera permission granted without a prompt. */
export const fakeCameraArgs = (video: string): string[] => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
  '--autoplay-policy=no-user-gesture-required',
];

/** Frames (all the same size, even width and height) as a .y4m file's bytes. */
export function y4m(frames: readonly RgbaFrame[]): Buffer {
  const { width: w, height: h } = frames[0]!;
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`)];
  for (const f of frames) {
    const y = Buffer.alloc(w * h);
    const u = Buffer.alloc((w / 2) * (h / 2));
    const v = Buffer.alloc((w / 2) * (h / 2));
    for (let i = 0; i < w * h; i++) y[i] = 0.299 * f.data[i * 4]! + 0.587 * f.data[i * 4 + 1]! + 0.114 * f.data[i * 4 + 2]!;
    for (let cy = 0; cy < h / 2; cy++) {
      for (let cx = 0; cx < w / 2; cx++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
          const p = ((2 * cy + dy) * w + 2 * cx + dx) * 4;
          r += f.data[p]!;
          g += f.data[p + 1]!;
          b += f.data[p + 2]!;
        }
        [r, g, b] = [r / 4, g / 4, b / 4];
        u[cy * (w / 2) + cx] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
        v[cy * (w / 2) + cx] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
      }
    }
    parts.push(Buffer.from('FRAME\n'), y, u, v);
  }
  return Buffer.concat(parts);
}

export interface QrVideoOptions {
  width?: number;
  height?: number;
  frames?: number;
  ecc?: EccLevel;
  /** Pixels per module. */
  scale?: number;
  /** Grey level around the code (the quiet zone stays white). */
  background?: number;
}

/** A video of `text`'s QR code centred on a plain field, or of the field alone (`text` null). */
export function writeQrVideo(path: string, text: string | null, o: QrVideoOptions = {}): void {
  const w = o.width ?? 640;
  const h = o.height ?? 480;
  const data = new Uint8ClampedArray(w * h * 4).fill(o.background ?? 235);
  if (text !== null) {
    const qr = renderQr(text, { ecc: o.ecc ?? 'M', scale: o.scale ?? 3 });
    const ox = Math.floor((w - qr.width) / 2);
    const oy = Math.floor((h - qr.height) / 2);
    if (ox < 0 || oy < 0) throw new Error(`QR ${qr.width}px does not fit ${w}×${h}`);
    for (let r = 0; r < qr.height; r++) data.set(qr.data.subarray(r * qr.width * 4, (r + 1) * qr.width * 4), ((oy + r) * w + ox) * 4);
  }
  const frame = { width: w, height: h, data };
  writeFileSync(path, y4m(Array.from({ length: o.frames ?? 2 }, () => frame)));
}
