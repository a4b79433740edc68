/**
 * `npm run size`: builds the browser bundle of the SDK's verify path with Vite (minified, ES2020,
 * tree-shaken as an application would) and reports its gzip size. Target: ≤ 40 KB gzip.
 * The pure-JS Ed25519 fallback is a separate chunk loaded only where WebCrypto lacks Ed25519.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const work = join(root, '.tmp', 'bundle-size');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
writeFileSync(
  join(work, 'entry.js'),
  `import { createVerifier, classify } from '@yizhao/sdk';
export async function verify(trust, pin, text) {
  const v = await createVerifier({ trustList: trust, pin });
  return [classify(text).kind, await v.verify(text)];
}
`,
);
await build({
  root: work,
  logLevel: 'warn',
  build: {
    outDir: join(work, 'dist'),
    target: 'es2020',
    minify: true,
    lib: { entry: join(work, 'entry.js'), formats: ['es'], fileName: 'verify' },
    rollupOptions: { output: { chunkFileNames: '[name].js' } },
  },
});
let total = 0;
const rows = [];
for (const file of readdirSync(join(work, 'dist')).filter((f) => f.endsWith('.js'))) {
  const bytes = readFileSync(join(work, 'dist', file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  rows.push([file, bytes.length, gz]);
  if (file.startsWith('verify')) total += gz;
}
for (const [file, raw, gz] of rows) console.log(`  ${file.padEnd(24)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw  ${(gz / 1024).toFixed(1).padStart(6)} KB gzip${file.startsWith('verify') ? '' : '  (lazy: only without WebCrypto Ed25519)'}`);
console.log(`verify path, loaded up front: ${(total / 1024).toFixed(1)} KB gzip (target ≤ 40 KB)`);
