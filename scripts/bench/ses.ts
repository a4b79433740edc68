/**
 * OFD seal verification time per file: the shared ofdrw samples (packages/ses/test/fixtures), each
 * verified end to end by `verifyOfd` (unzip, references, SES parsing, SM3, two SM2 verifications
 * per seal signature). Median and p90 per file, plus one bare SM2 verification for scale.
 */
import { readFileSync } from 'node:fs';
import { parseCertificate } from '@yizhao/sdk';
import { parseSignature, verifyOfd, verifyWithCertificate } from '../../packages/ses/src/index.js';

const FIXTURES = new URL('../../packages/ses/test/fixtures/', import.meta.url);
const FILES = ['SESV4SignDoc.ofd', 'allprotected.ofd', 'signedFile.ofd', 'DigitalSign.ofd'];
const ROUNDS = 15;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

console.log(`OFD seal verification (verifyOfd, no trust list), ${ROUNDS} runs per file after 2 warm-up runs (Node ${process.version})`);
for (const file of FILES) {
  const bytes = new Uint8Array(readFileSync(new URL(file, FIXTURES)));
  for (let i = 0; i < 2; i++) await verifyOfd(bytes);
  const times: number[] = [];
  let result = '';
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const r = await verifyOfd(bytes);
    times.push(performance.now() - t0);
    result = `${r.indication} ${r.code ?? ''}`.trim();
  }
  console.log(`  ${file.padEnd(18)} ${String(bytes.length).padStart(6)} B  median ${ms(pct(times, 0.5))}  p90 ${ms(pct(times, 0.9))}  → ${result}`);
}

const value = parseSignature(new Uint8Array(readFileSync(new URL('SignedValueV4.dat', FIXTURES))));
const signer = parseCertificate(value.signerCert)!;
const times: number[] = [];
for (let i = 0; i < ROUNDS + 2; i++) {
  const t0 = performance.now();
  if (!(await verifyWithCertificate(signer, value.signatureAlgorithm, value.tbs, value.signature))) throw new Error('SM2 verification failed');
  if (i >= 2) times.push(performance.now() - t0);
}
console.log(`  one SM2-with-SM3 verification (TBS_Sign, ${value.tbs.length} B): median ${ms(pct(times, 0.5))}`);
