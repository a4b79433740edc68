/**
 * Public keys for the two allowed algorithms, imported once and verified with WebCrypto.
 * Ed25519 falls back to @noble/curves where WebCrypto lacks it (Chromium before 137, older Firefox);
 * the fallback is loaded on demand so the common bundle stays small.
 */
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Alg } from './jws.js';
import { decodeCanonical } from './base64url.js';

export interface PublicJwk {
  readonly kty: 'EC' | 'OKP';
  readonly crv: 'P-256' | 'Ed25519';
  readonly x: string;
  readonly y?: string;
}

export interface VerifyKey {
  readonly alg: Alg;
  readonly kid: string;
  verify(data: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** The public members of a JWK for `alg`, or a reason it is not one (private parts are refused). */
export function publicJwkFor(jwk: Readonly<Record<string, unknown>>, alg: Alg): PublicJwk | string {
  if ('d' in jwk) return 'private key material';
  const { kty, crv, x, y } = jwk;
  if (typeof x !== 'string' || !B64URL.test(x)) return 'x missing';
  if (alg === 'ES256') {
    if (kty !== 'EC' || crv !== 'P-256') return 'ES256 needs an EC P-256 key';
    if (typeof y !== 'string' || !B64URL.test(y)) return 'y missing';
    if (x.length !== 43 || y.length !== 43) return 'coordinate length';
    return { kty, crv, x, y };
  }
  if (kty !== 'OKP' || crv !== 'Ed25519') return 'EdDSA needs an OKP Ed25519 key';
  if (x.length !== 43) return 'key length';
  return { kty, crv, x };
}

/** RFC 7638 SHA-256 thumbprint, base64url. */
export function thumbprint(jwk: PublicJwk): Promise<string> {
  return calculateJwkThumbprint(jwk as JWK, 'sha256');
}

let webCryptoEd25519: Promise<boolean> | undefined;

/** Whether this runtime's WebCrypto verifies Ed25519 (Node, Chromium 137+, Firefox 129+). */
function hasWebCryptoEd25519(raw: Uint8Array): Promise<boolean> {
  webCryptoEd25519 ??= crypto.subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, false, ['verify']).then(
    () => true,
    () => false,
  );
  return webCryptoEd25519;
}

function webCryptoKey(key: CryptoKey, alg: Alg, kid: string): VerifyKey {
  const params = alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'Ed25519' };
  return {
    alg,
    kid,
    async verify(data, signature) {
      if (signature.length !== 64) return false;
      try {
        return await crypto.subtle.verify(params, key, signature as BufferSource, data as BufferSource);
      } catch {
        return false;
      }
    },
  };
}

async function nobleEd25519Key(publicKey: Uint8Array, kid: string): Promise<VerifyKey> {
  const { ed25519 } = await import('@noble/curves/ed25519.js');
  return {
    alg: 'EdDSA',
    kid,
    async verify(data, signature) {
      if (signature.length !== 64) return false;
      try {
        // zip215: false = RFC 8032 strict verification, as WebCrypto does.
        return ed25519.verify(signature, data, publicKey, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}

/** An Ed25519 verifier from the raw 32-byte public key (JWK `x`, or an X.509 SubjectPublicKeyInfo). */
export async function importRawEd25519(raw: Uint8Array, kid: string, options: { forceFallback?: boolean } = {}): Promise<VerifyKey> {
  if (raw.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes');
  if (!options.forceFallback && (await hasWebCryptoEd25519(raw))) {
    return webCryptoKey(await crypto.subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, false, ['verify']), 'EdDSA', kid);
  }
  return nobleEd25519Key(raw, kid);
}

/** Imports a validated public JWK for verification; throws only when the key itself is unusable. */
export async function importVerifyKey(jwk: PublicJwk, alg: Alg, kid: string): Promise<VerifyKey> {
  if (alg === 'ES256') {
    const key = await crypto.subtle.importKey('jwk', { ...jwk, ext: true } as JsonWebKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return webCryptoKey(key, alg, kid);
  }
  const raw = decodeCanonical(jwk.x);
  if (!raw) throw new TypeError('Ed25519 x is not base64url');
  return importRawEd25519(raw, kid);
}
