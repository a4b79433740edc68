/**
 * Seal verification over a 50 MB document, streamed from disk as `yizhao seal verify` does: time,
 * hashing throughput and peak memory (max RSS growth over the process's baseline).
 * Also: verification time for a small document (signature + chain, no CRL).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifier } from '@yizhao/sdk';
import { createDevIssuer, createSealCa, createSealCert, resignTrustList, signSeal, DEMO_USCC } from '@yizhao/sdk/dev';

const SIZE = 50 * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'yizhao-seal-bench-'));
const file = join(dir, 'big.pdf');
await new Promise<void>((resolve, reject) => {
  const out = createWriteStream(file);
  const chunk = new Uint8Array(1 << 20);
  let written = 0;
  const write = () => {
    while (written < SIZE) {
      crypto.getRandomValues(chunk.subarray(0, 65536));
      written += chunk.length;
      if (!out.write(chunk)) return out.once('drain', write);
    }
    out.end(resolve);
  };
  out.on('error', reject);
  write();
});

const issuer = await createDevIssuer();
const ca = await createSealCa();
const { trust } = await resignTrustList({ ...issuer.trustPayload, sealRoots: [ca.root.certificate] }, issuer.signer);
const cert = await createSealCert(ca.issuing, { uscc: DEMO_USCC, name: '重庆市大足区示例科技有限公司' });
const verifier = await createVerifier({ trustList: trust, pin: issuer.pin });
const sealText = await signSeal(createReadStream(file), cert, { uscc: DEMO_USCC, kind: 'official', sealName: '示例公章', chain: [ca.issuing] });

const baselineRss = process.memoryUsage().rss;
const baselineMax = process.resourceUsage().maxRSS * 1024;
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  const result = await verifier.verifySeal(createReadStream(file, { highWaterMark: 1 << 20 }), sealText);
  times.push(performance.now() - start);
  if (!result.ok) throw new Error(`verification failed: ${result.code}`);
}
const peak = process.resourceUsage().maxRSS * 1024;
times.sort((a, b) => a - b);
const median = times[2]!;
console.log(`seal verify, 50 MB document streamed from disk (5 runs, Node ${process.version})`);
console.log(`  median ${median.toFixed(0)} ms (${(SIZE / 1048576 / (median / 1000)).toFixed(0)} MB/s), min ${times[0]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms`);
console.log(`  peak RSS growth during verification: ${(Math.max(0, peak - Math.max(baselineMax, baselineRss)) / 1048576).toFixed(1)} MB (process max RSS ${(peak / 1048576).toFixed(0)} MB; the document is 50 MB)`);

const small = new TextEncoder().encode('%PDF-1.7 small');
const smallSeal = await signSeal(small, cert, { uscc: DEMO_USCC, kind: 'official', sealName: '示例公章', chain: [ca.issuing] });
const n = 300;
const s = performance.now();
for (let i = 0; i < n; i++) await verifier.verifySeal(small, smallSeal);
console.log(`  small document: ${((performance.now() - s) / n).toFixed(2)} ms per seal verification (signature, 3-certificate path, no CRL)`);
rmSync(dir, { recursive: true, force: true });
