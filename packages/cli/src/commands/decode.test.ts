import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJpeg, qrPng, renderQr } from '@yizhao/scanner/node';
import type { CliIO, Lang } from '../io.js';
import { main } from '../main.js';
import { run } from './decode.js';

function fakeIO(cwd: string, lang: Lang = 'zh-CN') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), lang, cwd };
  return { io, out, err };
}

const TEXT = 'YZL1:eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI5MTExMDAwMDEwMDAwMDAwMFgifQ.c2lnbmF0dXJl';
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yizhao-decode-'));
  writeFileSync(join(dir, 'a.png'), qrPng(TEXT, { scale: 3 }));
  writeFileSync(join(dir, 'b.jpg'), encodeJpeg(renderQr('第二张 second', { scale: 4, ecc: 'Q' }), 80));
  writeFileSync(join(dir, 'blank.png'), qrPng('x', { scale: 1, margin: 0 }).subarray(0, 0)); // empty: unreadable
  writeFileSync(join(dir, 'white.png'), (() => {
    const img = renderQr('x', { scale: 2 });
    img.data.fill(255);
    return encodeJpeg(img);
  })());
  writeFileSync(join(dir, 'notes.txt'), 'not an image');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yizhao decode', () => {
  it('prints one JSON line per image, in input order, and exits 0 when all decode', async () => {
    const { io, out, err } = fakeIO(dir);
    expect(await run(['b.jpg', 'a.png', '--json'], io)).toBe(0);
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { file: 'b.jpg', text: '第二张 second' },
      { file: 'a.png', text: TEXT },
    ]);
    expect(err).toEqual([]);
  });

  it('exits 1 when an image holds no code, with text null', async () => {
    const { io, out } = fakeIO(dir);
    expect(await run(['--json', 'a.png', 'white.png'], io)).toBe(1);
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { file: 'a.png', text: TEXT },
      { file: 'white.png', text: null },
    ]);
  });

  it('gives an unreadable file its line with an error member and exits 2', async () => {
    const { io, out, err } = fakeIO(dir);
    expect(await run(['--json', 'missing.png', 'notes.txt', 'blank.png', 'white.png', 'a.png'], io)).toBe(2);
    const lines = out.map((l) => JSON.parse(l) as { file: string; text: string | null; error?: string });
    expect(lines.map((l) => l.file)).toEqual(['missing.png', 'notes.txt', 'blank.png', 'white.png', 'a.png']);
    expect(lines[0]).toMatchObject({ text: null, error: expect.stringContaining('ENOENT') });
    expect(lines[1]).toMatchObject({ text: null, error: expect.stringContaining('not a PNG or JPEG') });
    expect(lines[2]).toMatchObject({ text: null, error: expect.any(String) });
    expect(lines[3]).toEqual({ file: 'white.png', text: null });
    expect(lines[4]).toEqual({ file: 'a.png', text: TEXT });
    expect(err.length).toBe(3);
  });

  it('prints a human report in zh-CN by default and in English with --lang en', async () => {
    const zh = fakeIO(dir);
    expect(await run(['a.png', 'white.png'], zh.io)).toBe(1);
    expect(zh.out).toEqual([`a.png：${TEXT}`, 'white.png：未找到二维码']);
    const en = fakeIO(dir, 'en');
    expect(await run(['white.png', '--lang', 'en'], en.io)).toBe(1);
    expect(en.out).toEqual(['white.png: no QR code found']);
  });

  it('is a usage error (exit 2) without images or with an unknown option', async () => {
    const a = fakeIO(dir);
    expect(await main(['decode'], a.io)).toBe(2);
    expect(a.out).toEqual([]);
    expect(a.err.join('\n')).toMatch(/yizhao decode/);
    const b = fakeIO(dir);
    expect(await main(['decode', '--bogus', 'a.png'], b.io)).toBe(2);
    expect(b.out).toEqual([]);
  });
});
