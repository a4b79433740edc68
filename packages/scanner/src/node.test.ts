import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { presentationText } from '../test/texts.js';
import { decodeBytes, decodeFile, decodeFileResult, encodeJpeg, encodePng, ImageFormatError, qrPng, readImage, renderQr } from './node.js';

const dir = mkdtempSync(join(tmpdir(), 'yizhao-scanner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Node helpers', () => {
  const text = presentationText(700, 9);

  it('reads PNG and JPEG by content, not by file name', () => {
    const img = renderQr('abc', { scale: 2 });
    const png = readImage(encodePng(img));
    expect([png.width, png.height]).toEqual([img.width, img.height]);
    expect(Buffer.from(png.data).equals(Buffer.from(img.data))).toBe(true);
    const jpg = readImage(encodeJpeg(img, 95));
    expect([jpg.width, jpg.height]).toEqual([img.width, img.height]);
    expect(jpg.data.length).toBe(img.width * img.height * 4);
  });

  it('decodes files (PNG named .jpg too) to the exact text, and says which engine found it', async () => {
    writeFileSync(join(dir, 'p.png'), qrPng(text, { scale: 3 }));
    writeFileSync(join(dir, 'mislabelled.jpg'), qrPng(text, { scale: 3, ecc: 'H' }));
    writeFileSync(join(dir, 'q.jpeg'), encodeJpeg(renderQr(text, { scale: 5, ecc: 'Q' }), 60));
    expect(await decodeFile(join(dir, 'p.png'))).toBe(text);
    expect(await decodeFile(join(dir, 'mislabelled.jpg'))).toBe(text);
    expect(await decodeFileResult(join(dir, 'q.jpeg'))).toEqual({ text, engine: 'wasm' });
  });

  it('returns null for an image without a code, and rejects what is not an image', async () => {
    const white = renderQr('x', { scale: 4 });
    white.data.fill(255);
    writeFileSync(join(dir, 'white.png'), encodePng(white));
    expect(await decodeFile(join(dir, 'white.png'))).toBeNull();
    writeFileSync(join(dir, 'text.png'), 'hello');
    await expect(decodeFile(join(dir, 'text.png'))).rejects.toBeInstanceOf(ImageFormatError);
    const png = qrPng('x');
    await expect(decodeBytes(png.subarray(0, 40))).rejects.toBeInstanceOf(ImageFormatError);
    await expect(decodeFile(join(dir, 'missing.png'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('decodes inverted codes with the JS engine alone', async () => {
    const inv = qrPng(text, { scale: 3, invert: true });
    expect(await decodeBytes(inv, { engine: 'js' })).toEqual({ text, engine: 'js' });
  });
});
