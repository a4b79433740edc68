/**
 * `npm run size`: builds the browser bundle of the SDK's verify path with Vite (minified, ES2020,
 * tree-shaken as an application would) and reports its gzip size. Target: ≤ 40 KB gzip up front.
 * Code loaded only on demand — the pure-JS Ed25519 fallback (where WebCrypto lacks Ed25519) and the
 * seal/X.509 code (first seal verification) — is listed separately.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export async function measureVerifyBundle() {
const work = join(import.meta.dirname, '..', '.tmp', `bundle-size-${process.pid}`);
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
const [result] = await build({
  root: work,
  logLevel: 'warn',
  build: { write: false, target: 'es2020', minify: true, lib: { entry: join(work, 'entry.js'), formats: ['es'], fileName: 'verify' } },
});
const chunks = new Map(result.output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
const gz = (code) => gzipSync(code, { level: 9 }).length;
const upfront = new Set();
const visit = (name) => {
  if (upfront.has(name)) return;
  upfront.add(name);
  for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
};
for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
const rows = [...chunks].map(([name, c]) => ({
  name,
  raw: c.code.length,
  gzip: gz(c.code),
  upfront: upfront.has(name),
  lazyFor: upfront.has(name) ? null : Object.keys(c.modules).some((m) => m.includes('ed25519')) ? 'only without WebCrypto Ed25519' : 'first seal verification',
}));
rmSync(work, { recursive: true, force: true });
return { rows, upfrontGzip: rows.filter((r) => r.upfront).reduce((n, r) => n + r.gzip, 0) };
}

if (process.argv[1] === import.meta.filename) {
  const { rows, upfrontGzip } = await measureVerifyBundle();
  for (const r of rows) console.log(`  ${r.name.padEnd(26)} ${(r.raw / 1024).toFixed(1).padStart(7)} KB raw  ${(r.gzip / 1024).toFixed(1).padStart(6)} KB gzip  (${r.upfront ? 'up front' : `lazy: ${r.lazyFor}`})`);
  console.log(`verify path, loaded up front: ${(upfrontGzip / 1024).toFixed(1)} KB gzip (target ≤ 40 KB)`);
}
