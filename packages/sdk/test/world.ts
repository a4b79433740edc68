/**
 * A test world: a trust-list signer, issuers and keys in every state the spec distinguishes, and
 * helpers to mint presentations with any claim or header changed. Time is fixed at T0.
 */
import { deflateSync } from 'fflate';
import { createVerifier, PRESENTATION_PREFIX, type VerifierOptions } from '../src/index.js';
import { encodeBase64url } from '../src/jose/base64url.js';
import {
  DEMO_USCC,
  demoLicence,
  generateDevKey,
  presentationClaims,
  publicPart,
  signCompact,
  signStatusList,
  signTrustList,
  type DevPrivateJwk,
  type TrustListPayload,
} from '../src/dev/index.js';

export const T0 = 1_800_000_000;
export const ISS = 'cn.test.issuer';
export const OTHER_ISS = 'cn.test.other';
export const STATUS_ID = 'sl-test';
const utf8 = new TextEncoder();

export interface World {
  signer: DevPrivateJwk;
  es: DevPrivateJwk;
  ed: DevPrivateJwk;
  /** Revoked at T0 - 100. */
  revokedKey: DevPrivateJwk;
  /** Valid only T0 - 2000 … T0 - 1000. */
  oldKey: DevPrivateJwk;
  /** A key of OTHER_ISS. */
  otherIssuerKey: DevPrivateJwk;
  /** A key on no trust list. */
  strangerKey: DevPrivateJwk;
  payload: TrustListPayload;
  trust: string;
  pin: Record<string, unknown>;
  /** Status list with indices 3 and 8 revoked, size 64. */
  status: string;
}

let cached: Promise<World> | undefined;

export function world(): Promise<World> {
  cached ??= build();
  return cached;
}

async function build(): Promise<World> {
  const [signer, es, ed, revokedKey, oldKey, otherIssuerKey, strangerKey] = await Promise.all([
    generateDevKey('ES256'),
    generateDevKey('ES256'),
    generateDevKey('EdDSA'),
    generateDevKey('ES256'),
    generateDevKey('ES256'),
    generateDevKey('EdDSA'),
    generateDevKey('ES256'),
  ]);
  const window = { nbf: T0 - 86_400, exp: T0 + 86_400 };
  const payload: TrustListPayload = {
    iss: 'test-publisher',
    iat: T0 - 3600,
    exp: T0 + 30 * 86_400,
    seq: 5,
    issuers: [
      {
        iss: ISS,
        name: '测试签发方',
        keys: [
          { ...publicPart(es), ...window },
          { ...publicPart(ed), ...window },
          { ...publicPart(revokedKey), ...window, revoked: T0 - 100 },
          { ...publicPart(oldKey), nbf: T0 - 2000, exp: T0 - 1000 },
        ],
      },
      { iss: OTHER_ISS, name: '另一签发方', keys: [{ ...publicPart(otherIssuerKey), ...window }] },
    ],
    sealRoots: [],
    statusLists: [{ id: STATUS_ID, iss: ISS }],
  };
  const status = await signStatusList({ iss: ISS, id: STATUS_ID, size: 64, revoked: [3, 8], iat: T0 - 600, exp: T0 + 3600 }, es);
  return { signer, es, ed, revokedKey, oldKey, otherIssuerKey, strangerKey, payload, trust: await signTrustList(payload, signer), pin: publicPart(signer) as Record<string, unknown>, status };
}

/** Baseline claims: valid at T0 for 300 s, signed by `es` unless told otherwise. */
export function baseClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims = presentationClaims({ key: undefined as never, iss: ISS, uscc: DEMO_USCC, licence: demoLicence(), now: T0 - 30, ttl: 300 });
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete claims[k];
    else claims[k] = v;
  }
  return claims;
}

export interface TokenOptions {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  key?: DevPrivateJwk;
  zip?: boolean;
  /** Raw payload bytes instead of JSON claims. */
  rawPayload?: Uint8Array;
}

/** A presentation text (with the YZL1: prefix). */
export async function token(o: TokenOptions = {}): Promise<string> {
  const w = await world();
  const key = o.key ?? w.es;
  let payload = o.rawPayload ?? utf8.encode(JSON.stringify(o.claims ?? baseClaims()));
  if (o.zip) payload = deflateSync(payload);
  const header = { typ: 'yzl+jwt', ...(o.zip && { zip: 'DEF' }), ...o.header };
  return PRESENTATION_PREFIX + (await signCompact(header, payload, key));
}

/** An unsigned token with an arbitrary header (alg none and friends). */
export function unsigned(header: Record<string, unknown>, claims: Record<string, unknown> = baseClaims(), signature = ''): string {
  return `${PRESENTATION_PREFIX}${encodeBase64url(JSON.stringify(header))}.${encodeBase64url(JSON.stringify(claims))}.${signature}`;
}

export async function verifier(options: Partial<VerifierOptions> = {}) {
  const w = await world();
  return createVerifier({ trustList: w.trust, pin: w.pin, statusLists: [w.status], clock: () => T0, ...options });
}
