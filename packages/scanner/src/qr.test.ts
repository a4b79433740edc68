import { describe, expect, it } from 'vitest';
import { qrMatrix, renderQr } from './qr.js';

describe('QR generation', () => {
  it('builds the requested version and a standard quiet zone', () => {
    const m = qrMatrix('hello', { version: 7, ecc: 'H' });
    expect(m.version).toBe(7);
    expect(m.size).toBe(17 + 4 * 7);
    // Finder pattern: the top-left 7×7 ring is dark, its inner ring light.
    expect([m.dark(0, 0), m.dark(6, 6), m.dark(1, 1), m.dark(2, 2)]).toEqual([true, true, false, true]);
    const img = renderQr('hello', { version: 7, scale: 2, margin: 4 });
    expect(img.width).toBe((m.size + 8) * 2);
    expect(img.data[0]).toBe(255); // quiet zone is light
    expect(img.data[(8 * img.width + 8) * 4]).toBe(0); // first finder module is dark
    const inv = renderQr('hello', { version: 7, scale: 2, invert: true });
    expect([inv.data[0], inv.data[(8 * inv.width + 8) * 4]]).toEqual([0, 255]);
  });

  it('picks the smallest version that fits and refuses text that cannot fit', () => {
    expect(qrMatrix('x'.repeat(600), { ecc: 'M' }).version).toBe(qrMatrix('x'.repeat(600)).version);
    expect(() => qrMatrix('x'.repeat(200), { version: 2 })).toThrow();
  });
});
