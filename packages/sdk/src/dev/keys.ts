/**
 * TEST-ONLY key material for the dev issuer. Nothing here belongs in production: real issuers keep
 * their keys in an HSM and publish only public keys through the trust list.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Alg } from '../jose/jws.js';

/** A private JWK carrying its `alg` and `kid` (the RFC 7638 thumbprint). */
export interface DevPrivateJwk extends JWK {
  alg: Alg;
  kid: string;
  d: string;
}

/** Public members only, with `alg`, `kid` and `use`, as a trust list or a pin file holds it. */
export function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y, alg, kid } = jwk;
  return { kty, crv, x, ...(y !== undefined && { y }), alg, kid, use: 'sig' };
}

export async function generateDevKey(alg: Alg): Promise<DevPrivateJwk> {
  const { privateKey } = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : 'ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPart(jwk), 'sha256');
  return { ...jwk, alg, kid } as DevPrivateJwk;
}

export async function signingKey(jwk: DevPrivateJwk): Promise<CryptoKey> {
  return (await importJWK(jwk, jwk.alg === 'EdDSA' ? 'Ed25519' : 'ES256')) as CryptoKey;
}
