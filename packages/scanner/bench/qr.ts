/**
 * `npm run bench:qr`: decode rate and time per image of four decoders on the public zxing "blackbox"
 * QR sets (../shared/data/qr): (a) @zxing/library defaults, (b) jsQR, (c) zxing-wasm defaults,
 * (d) @yizhao/scanner. A wrong text is a failure and is listed. PNG decoding is not timed; each
 * decoder's own pixel conversion is. `--rotate` adds 90/180/270° copies (as zxing's own tests do);
 * `--only a,d` picks decoders; `--sets DIR` another root with the same layout.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import jsQR from 'jsqr';
import { readBarcodes } from 'zxing-wasm/reader';
import { decodeImageData, type ImageDataLike } from '../src/index.js';
import { readImage } from '../src/node.js';
import { toGray } from '../src/image.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const { values: args } = parseArgs({
  options: { rotate: { type: 'boolean' }, only: { type: 'string' }, sets: { type: 'string' }, verbose: { type: 'boolean' } },
});
const root = [args.sets, '/work/shared/data/qr', resolve(repo, '../shared/data/qr')].find((p) => p && existsSync(p));
if (!root) {
  console.log('\n*** bench:qr SKIPPED: no QR image sets at /work/shared/data/qr or ../shared/data/qr ***\n');
  process.exit(0);
}

type Decoder = (img: ImageDataLike) => Promise<string | null> | string | null;

const zxingJs: Decoder = (img) => {
  const g = toGray(img);
  const lum = new RGBLuminanceSource(new Uint8ClampedArray(g.data.buffer), g.width, g.height);
  try {
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(lum))).getText();
  } catch {
    return null;
  }
};
const jsqr: Decoder = (img) => jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
const zxingWasm: Decoder = async (img) => {
  const hit = (await readBarcodes(img as ImageData)).find((r) => r.format.startsWith('QR'));
  return hit ? hit.text : null;
};
const scanner: Decoder = async (img) => (await decodeImageData(img)).text;

const DECODERS: [string, string, Decoder][] = [
  ['a', '@zxing/library', zxingJs],
  ['b', 'jsQR', jsqr],
  ['c', 'zxing-wasm', zxingWasm],
  ['d', '@yizhao/scanner', scanner],
];
const only = args.only?.split(',');
const decoders = DECODERS.filter(([k]) => !only || only.includes(k));

// zxing-wasm's defaults fetch the .wasm from a CDN; the bench (like the scanner) reads the local file.
{
  const { prepareZXingModule } = await import('zxing-wasm/reader');
  const { createRequire } = await import('node:module');
  const wasmBinary = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
}

function rotate(img: ImageDataLike, quarter: number): ImageDataLike {
  let cur = img;
  for (let q = 0; q < quarter; q++) {
    const { width: w, height: h, data } = cur;
    const out = new Uint8ClampedArray(data.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const s = (y * w + x) * 4;
        const d = (x * h + (h - 1 - y)) * 4;
        out.set(data.subarray(s, s + 4), d);
      }
    }
    cur = { data: out, width: h, height: w };
  }
  return cur;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
};

// Warm every engine (module load, WASM compile, JIT) so that the first image is not charged for it.
const warm = readImage(readFileSync(join(root, 'qrcode-1', readdirSync(join(root, 'qrcode-1')).find((f) => f.endsWith('.png'))!)));
for (const [, , dec] of decoders) for (let i = 0; i < 3; i++) await dec(warm);

const sets = readdirSync(root).filter((d) => /^qrcode-\d+$/.test(d)).sort((x, y) => Number(x.slice(7)) - Number(y.slice(7)));
const rows: string[] = [];
const failures: string[] = [];
const totals = new Map<string, { ok: number; n: number; times: number[] }>();
for (const set of sets) {
  const files = readdirSync(join(root, set)).filter((f) => f.endsWith('.png')).sort();
  const cases: { name: string; img: ImageDataLike; want: string }[] = [];
  for (const f of files) {
    const want = readFileSync(join(root, set, f.replace(/\.png$/, '.txt')), 'utf8');
    const img = readImage(readFileSync(join(root, set, f)));
    for (const q of args.rotate ? [0, 1, 2, 3] : [0]) cases.push({ name: q ? `${f}@${q * 90}` : f, img: q ? rotate(img, q) : img, want });
  }
  for (const [key, name, dec] of decoders) {
    let ok = 0;
    const times: number[] = [];
    for (const c of cases) {
      const t0 = performance.now();
      let got: string | null;
      try {
        got = await dec(c.img);
      } catch (e) {
        got = null;
        failures.push(`${set}/${c.name} (${key}) threw ${(e as Error).message}`);
      }
      times.push(performance.now() - t0);
      if (got === c.want) ok++;
      else if (got !== null) failures.push(`${set}/${c.name} (${key}) WRONG TEXT ${JSON.stringify(got.slice(0, 60))}`);
      else if (args.verbose) failures.push(`${set}/${c.name} (${key}) not found`);
    }
    const t = totals.get(key) ?? { ok: 0, n: 0, times: [] };
    totals.set(key, { ok: t.ok + ok, n: t.n + cases.length, times: [...t.times, ...times] });
    rows.push(`| ${set} | (${key}) ${name} | ${ok}/${cases.length} (${((100 * ok) / cases.length).toFixed(0)}%) | ${pct(times, 0.5).toFixed(1)} | ${pct(times, 0.9).toFixed(1)} |`);
  }
}
for (const [key, name] of decoders) {
  const t = totals.get(key)!;
  rows.push(`| **all** | (${key}) ${name} | ${t.ok}/${t.n} (${((100 * t.ok) / t.n).toFixed(0)}%) | ${pct(t.times, 0.5).toFixed(1)} | ${pct(t.times, 0.9).toFixed(1)} |`);
}
console.log(`QR decode benchmark — ${root}${args.rotate ? ' (×4 rotations)' : ''}, Node ${process.versions.node}`);
console.log('| set | decoder | decoded (exact text) | median ms | p90 ms |\n| --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
if (failures.length) console.log(`\nWrong texts and errors:\n${failures.map((f) => `- ${f}`).join('\n')}`);
