/** Deterministic test texts: presentation stand-ins and fillers sized to a QR version's capacity. */
import QRCode from 'qrcode';
import type { EccLevel } from '../src/qr.js';
import { rng } from './distort.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function randomChars(n: number, r: () => number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += B64URL[Math.floor(r() * 64)];
  return s;
}

/**
 * Presentation-shaped text of an exact length: `YZL1:` + compact JWS (base64url
 * header.payload.signature); ES256 and EdDSA signatures are both 64 bytes (86 characters). Sizes are
 * exact and deterministic, which real minted presentations (see decode.test.ts) are not.
 */
export function presentationText(length: number, seed: number, alg: 'ES256' | 'EdDSA' = 'ES256'): string {
  const r = rng(seed);
  const header = b64url(new TextEncoder().encode(JSON.stringify({ alg, typ: 'yzl+jwt', kid: `dev-${Math.floor(r() * 1e6)}` })));
  const sig = randomChars(86, r);
  const payloadLen = Math.max(8, length - 'YZL1:'.length - header.length - sig.length - 2);
  return `YZL1:${header}.${randomChars(payloadLen, r)}.${sig}`;
}

function fits(text: string, version: number, ecc: EccLevel): boolean {
  try {
    QRCode.create(text, { version, errorCorrectionLevel: ecc });
    return true;
  } catch {
    return false;
  }
}

/**
 * A text that needs exactly `version` at `ecc` (longer than the previous version holds), in the
 * presentation alphabet; `YZL1:`-prefixed when there is room.
 */
export function textForVersion(version: number, ecc: EccLevel, seed: number): string {
  const key = `${version}/${ecc}/${seed}`;
  let text = memo.get(key);
  if (text === undefined) memo.set(key, (text = sizeText(version, ecc, seed)));
  return text;
}
const memo = new Map<string, string>();

function sizeText(version: number, ecc: EccLevel, seed: number): string {
  const r = rng(seed);
  const pool = randomChars(3000, r);
  const make = (n: number) => (n > 12 ? `YZL1:${pool.slice(0, n - 5)}` : pool.slice(0, n));
  let lo = 1;
  let hi = 2953;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(make(mid), version, ecc)) lo = mid;
    else hi = mid - 1;
  }
  let minLen = 1;
  if (version > 1) {
    let a = 1;
    let b = lo;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if (fits(make(mid), version - 1, ecc)) a = mid;
      else b = mid - 1;
    }
    minLen = a + 1;
  }
  // Somewhere between "just needs this version" and "full", so both sparse and dense codes occur.
  return make(minLen + Math.floor(r() * (lo - minLen + 1)));
}
