/** TEST-ONLY signing of every v1 format, for the dev issuer, tests, examples and the demo. */
import { deflateSync } from 'fflate';
import { PRESENTATION_PREFIX } from '../classify.js';
import { encodeBase64url } from '../jose/base64url.js';
import type { LicenceData } from '../licence-claims.js';
import { signingKey, type DevPrivateJwk } from './keys.js';

const utf8 = new TextEncoder();

/**
 * Signs raw payload bytes under a protected header (alg and kid come from the key unless overridden).
 * Signs with WebCrypto directly rather than jose's CompactSign, which (rightly) refuses headers such
 * as `crit` that tests must be able to produce.
 */
export async function signCompact(header: Record<string, unknown>, payload: Uint8Array, key: DevPrivateJwk): Promise<string> {
  const signingInput = `${encodeBase64url(JSON.stringify({ alg: key.alg, kid: key.kid, ...header }))}.${encodeBase64url(payload)}`;
  const params = key.alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'Ed25519' };
  const signature = await crypto.subtle.sign(params, await signingKey(key), utf8.encode(signingInput));
  return `${signingInput}.${encodeBase64url(new Uint8Array(signature))}`;
}

export async function signJson(typ: string, payload: unknown, key: DevPrivateJwk): Promise<string> {
  return signCompact({ typ }, utf8.encode(JSON.stringify(payload)), key);
}

export interface TrustListPayload {
  iss: string;
  iat: number;
  exp: number;
  seq: number;
  issuers: { iss: string; name: string; keys: Record<string, unknown>[] }[];
  sealRoots: string[];
  statusLists: { id: string; iss: string }[];
}

export function signTrustList(payload: TrustListPayload, signer: DevPrivateJwk): Promise<string> {
  return signJson('yzt+jwt', payload, signer);
}

/** A status list whose listed indices are set (revoked). */
export async function signStatusList(
  options: { iss: string; id: string; size: number; revoked: readonly number[]; iat: number; exp: number },
  key: DevPrivateJwk,
): Promise<string> {
  const bits = new Uint8Array(Math.ceil(options.size / 8));
  for (const i of options.revoked) bits[i >> 3]! |= 0x80 >> (i & 7);
  const payload = { iss: options.iss, sub: options.id, iat: options.iat, exp: options.exp, size: options.size, bits: encodeBase64url(deflateSync(bits, { level: 9 })) };
  return signJson('yzs+jwt', payload, key);
}

export interface MintOptions {
  /** The issuer's private key (TEST ONLY). */
  key: DevPrivateJwk;
  iss: string;
  uscc: string;
  licence: LicenceData;
  aud?: string;
  nonce?: string;
  scp?: string[];
  sts?: { l: string; i: number };
  /** Lifetime in seconds (default 300). */
  ttl?: number;
  /** Compress the payload (`zip: DEF`). */
  zip?: boolean;
  now?: number;
  jti?: string;
}

/** The claims object of a presentation, with the short `lic` member names of spec §2. */
export function presentationClaims(o: MintOptions): Record<string, unknown> {
  const iat = o.now ?? Math.floor(Date.now() / 1000);
  const l = o.licence;
  return {
    iss: o.iss,
    sub: o.uscc,
    iat,
    exp: iat + (o.ttl ?? 300),
    jti: o.jti ?? encodeBase64url(crypto.getRandomValues(new Uint8Array(16))),
    ...(o.aud !== undefined && { aud: o.aud }),
    ...(o.nonce !== undefined && { nonce: o.nonce }),
    ...(o.scp !== undefined && { scp: o.scp }),
    ...(o.sts !== undefined && { sts: o.sts }),
    lic: {
      n: l.name,
      lr: l.legalRepresentative,
      t: l.type,
      est: l.established,
      ra: l.registrationAuthority,
      st: l.status,
      ...(l.capital !== undefined && { cap: l.capital }),
      ...(l.address !== undefined && { addr: l.address }),
      ...(l.scope !== undefined && { scope: l.scope }),
    },
  };
}

/** Mints a presentation: `YZL1:` + compact JWS, optionally with a raw-DEFLATE payload. */
export async function mintPresentation(o: MintOptions): Promise<string> {
  const json = utf8.encode(JSON.stringify(presentationClaims(o)));
  const payload = o.zip ? deflateSync(json, { level: 9 }) : json;
  return PRESENTATION_PREFIX + (await signCompact({ typ: 'yzl+jwt', ...(o.zip && { zip: 'DEF' }) }, payload, o.key));
}
