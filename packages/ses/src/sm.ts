/**
 * SM2 (GB/T 32918) signature verification and SM3 (GB/T 32905) on sm-crypto-v2, plus the two other
 * algorithms an SES structure may name (ECDSA P-256/SHA-256, RSA-2048+/SHA-256) on WebCrypto.
 * WebCrypto and the X.509 libraries know nothing of SM2, so every SM2 check goes through here.
 */
import { sm2, sm3 as sm3Hex } from 'sm-crypto-v2';
import type { ParsedCertificate } from '@yizhao/sdk';
import { bigInteger, DerError, hex, parseDer, sequence } from './der.js';

export const OID = {
  sm2WithSm3: '1.2.156.10197.1.501',
  sm3: '1.2.156.10197.1.401',
  sm2Curve: '1.2.156.10197.1.301',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  rsa: '1.2.840.113549.1.1.1',
  rsaSha256: '1.2.840.113549.1.1.11',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** The only signature algorithms an SES structure may name (anything else: ALG_NOT_ALLOWED). */
export const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  [OID.sm2WithSm3]: 'SM2-with-SM3',
  [OID.ecdsaSha256]: 'ECDSA-with-SHA256',
  [OID.rsaSha256]: 'RSA-with-SHA256',
};

/** GB/T 35276 default signer identity: what every producer we know of uses. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** Order n of the sm2p256v1 base point. */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export function sm3(data: Uint8Array): Uint8Array {
  return fromHex(sm3Hex(data));
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

/** The digest that goes with a signature algorithm (SM3 for SM2, SHA-256 otherwise). */
export async function digestFor(signatureAlgorithm: string, data: Uint8Array): Promise<Uint8Array> {
  return signatureAlgorithm === OID.sm2WithSm3 ? sm3(data) : sha256(data);
}

function fromHex(h: string): Uint8Array {
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * An SM2 signature, DER `SEQUENCE { r, s }` (strictly: nothing else in it, minimal integers), to
 * r‖s with both in [1, n-1] — the range GB/T 32918.2 requires and the library does not check.
 */
export function sm2RawSignature(der: Uint8Array): string | null {
  let r: bigint;
  let s: bigint;
  try {
    const parts = sequence(parseDer(der), 'SM2 signature');
    if (parts.length !== 2) return null;
    [r, s] = [bigInteger(parts[0], 'r'), bigInteger(parts[1], 's')];
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    // Some producers store r‖s as 64 raw bytes instead of DER: the same pair, read as such.
    if (der.length !== 64) return null;
    [r, s] = [BigInt(`0x${hex(der.subarray(0, 32))}`), BigInt(`0x${hex(der.subarray(32))}`)];
  }
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return null;
  return r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
}

/**
 * SM2 verification with SM3 over Z‖M (`hash: true`) and the default user id, both passed
 * explicitly because sm-crypto-v2 defaults to treating the message as the digest.
 */
export function sm2Verify(publicKey: Uint8Array, data: Uint8Array, signatureDer: Uint8Array, userId = SM2_DEFAULT_USER_ID): boolean {
  const raw = sm2RawSignature(signatureDer);
  if (!raw) return false;
  try {
    // The library parses the key with noble's fromHex, which checks the point is on the curve. A
    // compressed key (rare in certificates) is decompressed first, at the cost of a precomputation.
    // A bare x‖y (64 bytes, no 04 prefix) is written by a few producers.
    const full = publicKey.length === 64 ? new Uint8Array([4, ...publicKey]) : publicKey;
    const key = full[0] === 0x04 ? hex(full) : sm2.precomputePublicKey(hex(full)).toHex(false);
    return sm2.doVerifySignature(data, raw, key, { der: false, hash: true, userId });
  } catch {
    return false;
  }
}

const hexOf = (b: ArrayBuffer | null | undefined) => (b ? hex(new Uint8Array(b)) : '');
const SM2_CURVE_PARAMS = '06082a811ccf5501822d';
const P256_PARAMS = '06082a8648ce3d030107';

export type KeyKind = 'sm2' | 'p256' | 'rsa' | 'other';

export function keyKind(cert: ParsedCertificate): KeyKind {
  const alg = cert.cert.tbsCertificate.subjectPublicKeyInfo.algorithm;
  const params = hexOf(alg.parameters);
  if (alg.algorithm === OID.sm2Curve || (alg.algorithm === OID.ecPublicKey && params === SM2_CURVE_PARAMS)) return 'sm2';
  if (alg.algorithm === OID.ecPublicKey && params === P256_PARAMS) return 'p256';
  if (alg.algorithm === OID.rsa) return 'rsa';
  return 'other';
}

/**
 * Whether `signature` over `data` verifies with the certificate's key under `algorithm`; the key
 * type must match the algorithm (an SM2 key never verifies an "ECDSA" signature, nor the reverse).
 */
export async function verifyWithCertificate(cert: ParsedCertificate, algorithm: string, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const spki = cert.cert.tbsCertificate.subjectPublicKeyInfo;
  const kind = keyKind(cert);
  try {
    if (algorithm === OID.sm2WithSm3 && kind === 'sm2') return sm2Verify(new Uint8Array(spki.subjectPublicKey), data, signature);
    if (algorithm === OID.ecdsaSha256 && kind === 'p256') {
      const raw = ecdsaRawSignature(signature);
      if (!raw) return false;
      const key = await crypto.subtle.importKey('spki', spkiDer(cert) as BufferSource, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw as BufferSource, data as BufferSource);
    }
    if (algorithm === OID.rsaSha256 && kind === 'rsa') {
      const key = await crypto.subtle.importKey('spki', spkiDer(cert) as BufferSource, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
      if (((key.algorithm as RsaHashedKeyAlgorithm).modulusLength ?? 0) < 2048) return false;
      return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature as BufferSource, data as BufferSource);
    }
  } catch {
    return false;
  }
  return false;
}

/** The certificate's SubjectPublicKeyInfo as stored (inside the TBS). */
function spkiDer(cert: ParsedCertificate): Uint8Array {
  const tbs = sequence(parseDer(cert.tbs), 'TBSCertificate');
  // version [0] is optional: SPKI is the 7th element with it, the 6th without.
  const index = tbs[0]?.cls === 3 ? 6 : 5;
  const spki = tbs[index];
  if (!spki) throw new DerError('no SubjectPublicKeyInfo');
  return spki.raw;
}

/** ECDSA-Sig-Value → r‖s of 32 bytes each, for WebCrypto. */
function ecdsaRawSignature(der: Uint8Array): Uint8Array | null {
  try {
    const parts = sequence(parseDer(der), 'ECDSA signature');
    if (parts.length !== 2) return null;
    const out = new Uint8Array(64);
    for (const [i, part] of parts.entries()) {
      const n = bigInteger(part, 'r/s');
      if (n === 0n || n >= 1n << 256n) return null;
      out.set(fromHex(n.toString(16).padStart(64, '0')), 32 * i);
    }
    return out;
  } catch {
    return null;
  }
}
