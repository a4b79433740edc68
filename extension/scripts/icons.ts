/** The toolbar icon, drawn at build time (no binary in the repository): a licence card with a check. */
import { encodePng } from '@yizhao/scanner/node';

type Rgba = [number, number, number, number];

function colourAt(x: number, y: number): Rgba {
  // x, y in [0, 1]. Rounded blue square.
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  // White card.
  const inCard = x > 0.2 && x < 0.8 && y > 0.26 && y < 0.74;
  // Green check across the card's lower right.
  const d1 = Math.abs((y - 0.62) - (x - 0.42) * -1) / Math.SQRT2; // down-stroke
  const d2 = Math.abs((y - 0.62) - (x - 0.42) * 1.4) / Math.hypot(1, 1.4);
  const check = (x > 0.3 && x < 0.42 && d1 < 0.055) || (x >= 0.42 && x < 0.72 && y < 0.7 && d2 < 0.055 && y > 0.22 + (0.72 - x) * 0.0);
  if (check) return [24, 128, 56, 255];
  if (inCard) return [255, 255, 255, 255];
  return [26, 115, 232, 255];
}

export function iconPng(size: number): Buffer {
  const data = new Uint8ClampedArray(size * size * 4);
  const ss = 4; // supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          for (let i = 0; i < 3; i++) acc[i]! += c[i]! * c[3];
          acc[3]! += c[3];
        }
      }
      const o = (py * size + px) * 4;
      const a = acc[3]!;
      for (let i = 0; i < 3; i++) data[o + i] = a ? acc[i]! / a : 0;
      data[o + 3] = a / (ss * ss);
    }
  }
  return encodePng({ data, width: size, height: size });
}
