/**
 * `npm run fuzz`: 100,000 random mutations of valid presentations (characters, decoded bytes, and
 * non-canonical base64url spellings of the same bytes). Expect zero accepted and zero crashes.
 * Usage: npm run fuzz [-- COUNT [SEED]]
 */
import { createVerifier } from '@yizhao/sdk';
import { createDevIssuer, demoLicence, mintPresentation, DEMO_USCC } from '@yizhao/sdk/dev';
import { rng } from '../tests/support/rng.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const random = rng(Number(process.argv[3] ?? 20261129));
const int = (n: number) => Math.floor(random() * n);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CHARS = B64 + '.=+/: \t\n\u0000é营💥';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

const issuer = await createDevIssuer();
const verifier = await createVerifier({ trustList: issuer.trust, pin: issuer.pin });
const seeds: string[] = [];
for (const key of issuer.issuer.keys) {
  for (const zip of [false, true]) {
    seeds.push(await mintPresentation({ key, iss: issuer.issuer.iss, uscc: DEMO_USCC, licence: demoLicence({ address: '重庆市大足区龙岗街道' }), zip, scp: ['DZ164-111'], aud: 'fuzz' }));
  }
}
for (const s of seeds) {
  const r = await verifier.verify(s, { audience: 'fuzz', replay: false });
  if (!r.ok) throw new Error(`seed presentation does not verify: ${r.code}`);
}

type Mutation = (token: string) => string;
const charEdit: Mutation = (t) => {
  let out = t;
  for (let n = 1 + int(3); n > 0; n--) {
    const i = 5 + int(out.length - 5);
    const op = int(3);
    const ch = CHARS[int(CHARS.length)]!;
    out = op === 0 ? out.slice(0, i) + ch + out.slice(i + 1) : op === 1 ? out.slice(0, i) + ch + out.slice(i) : out.slice(0, i) + out.slice(i + 1);
  }
  return out;
};
/** Flip bits in the decoded bytes of one segment and re-encode canonically. */
const byteEdit: Mutation = (t) => {
  const parts = t.slice(5).split('.');
  const which = int(3);
  const bytes = Buffer.from(parts[which]!, 'base64url');
  if (bytes.length === 0) return t + 'A';
  for (let n = 1 + int(2); n > 0; n--) bytes[int(bytes.length)]! ^= 1 << int(8);
  parts[which] = b64(bytes);
  return 'YZL1:' + parts.join('.');
};
/** The same bytes spelled differently: non-zero spare bits in a segment's last character. */
const respell: Mutation = (t) => {
  const parts = t.slice(5).split('.');
  const candidates = parts.map((p, i) => [p, i] as const).filter(([p]) => p.length % 4 === 2 || p.length % 4 === 3);
  if (candidates.length === 0) return t.slice(0, -1);
  const [p, i] = candidates[int(candidates.length)]!;
  const spare = p.length % 4 === 2 ? 0x0f : 0x03;
  const v = B64.indexOf(p[p.length - 1]!);
  parts[i] = p.slice(0, -1) + B64[(v & ~spare) | (1 + int(spare))]!;
  return 'YZL1:' + parts.join('.');
};
const structural: Mutation = (t) => {
  const parts = t.slice(5).split('.');
  switch (int(5)) {
    case 0: return 'YZL1:' + [parts[0], parts[2], parts[1]].join('.');
    case 1: return t.slice(0, 5 + int(t.length - 5));
    case 2: return t + '.' + parts[2];
    case 3: return 'YZL1:' + [parts[0], seeds[int(seeds.length)]!.slice(5).split('.')[1], parts[2]].join('.');
    default: return t + '=';
  }
};
const mutations: [string, Mutation][] = [['characters', charEdit], ['bytes', byteEdit], ['non-canonical spelling', respell], ['structure', structural]];

const counts = new Map<string, { tried: number; accepted: number; crashed: number; unchanged: number }>();
const codes = new Map<string, number>();
const started = performance.now();
let total = 0;
for (let n = 0; total < COUNT; n++) {
  const [name, mutate] = mutations[n % mutations.length]!;
  const c = counts.get(name) ?? { tried: 0, accepted: 0, crashed: 0, unchanged: 0 };
  counts.set(name, c);
  const original = seeds[int(seeds.length)]!;
  const mutated = mutate(original);
  if (mutated.trim() === original) {
    c.unchanged++;
    continue;
  }
  c.tried++;
  total++;
  try {
    const r = await verifier.verify(mutated, { audience: 'fuzz', replay: false });
    if (r.ok) {
      c.accepted++;
      console.error(`ACCEPTED (${name}): ${mutated}`);
    }
    codes.set(r.code ?? 'ok', (codes.get(r.code ?? 'ok') ?? 0) + 1);
  } catch (error) {
    c.crashed++;
    console.error(`CRASH (${name}): ${(error as Error).stack}\n${mutated}`);
  }
}
const seconds = (performance.now() - started) / 1000;
let accepted = 0;
let crashed = 0;
let tried = 0;
console.log(`fuzz: ${COUNT} distinct mutations of ${seeds.length} valid presentations (ES256/EdDSA × plain/zip) in ${seconds.toFixed(1)} s`);
for (const [name, c] of counts) {
  console.log(`  ${name.padEnd(24)} verified ${String(c.tried).padStart(6)}  accepted ${c.accepted}  crashed ${c.crashed}  (identical after mutation, skipped: ${c.unchanged})`);
  accepted += c.accepted;
  crashed += c.crashed;
  tried += c.tried;
}
console.log(`  codes: ${[...codes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`total: ${tried} verified, ${accepted} accepted, ${crashed} crashed`);
process.exitCode = accepted || crashed ? 1 : 0;
