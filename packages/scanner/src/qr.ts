/**
 * QR generation (the `qrcode` package) for tests and the dev issuer: module matrix and RGBA pixels,
 * with no canvas, so it runs the same in Node and in the browser.
 */
import QRCode from 'qrcode';
import type { ImageDataLike } from './image.js';

export type EccLevel = 'L' | 'M' | 'Q' | 'H';

export interface QrOptions {
  /** Error-correction level; default M (what the presentation QR uses). */
  ecc?: EccLevel;
  /** Force a version (1–40); default: the smallest that fits. */
  version?: number;
}

export interface QrRenderOptions extends QrOptions {
  /** Pixels per module; default 4. */
  scale?: number;
  /** Quiet zone in modules; default 4 (the standard). */
  margin?: number;
  /** Light modules on dark. */
  invert?: boolean;
}

export interface QrMatrix {
  readonly version: number;
  /** Modules per side. */
  readonly size: number;
  /** True for a dark module. */
  dark(x: number, y: number): boolean;
}

export function qrMatrix(text: string, options: QrOptions = {}): QrMatrix {
  const qr = QRCode.create(text, {
    errorCorrectionLevel: options.ecc ?? 'M',
    ...(options.version === undefined ? {} : { version: options.version }),
  });
  const { size } = qr.modules;
  const bits = qr.modules.data;
  return { version: qr.version, size, dark: (x, y) => bits[y * size + x] === 1 };
}

/** The code as RGBA pixels (an ImageData-shaped object). */
export function renderQr(text: string, options: QrRenderOptions = {}): ImageDataLike & { version: number } {
  const m = qrMatrix(text, options);
  const scale = options.scale ?? 4;
  const margin = options.margin ?? 4;
  const side = (m.size + 2 * margin) * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  const dark = options.invert ? 255 : 0;
  for (let py = 0; py < side; py++) {
    const my = Math.floor(py / scale) - margin;
    for (let px = 0; px < side; px++) {
      const mx = Math.floor(px / scale) - margin;
      const inside = mx >= 0 && my >= 0 && mx < m.size && my < m.size;
      const v = inside && m.dark(mx, my) ? dark : 255 - dark;
      const p = (py * side + px) * 4;
      data[p] = v;
      data[p + 1] = v;
      data[p + 2] = v;
      data[p + 3] = 255;
    }
  }
  return { data, width: side, height: side, version: m.version };
}
