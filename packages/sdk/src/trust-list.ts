/**
 * Trust lists (spec §3): the only source of issuer keys, seal roots and status-list names.
 * A list is accepted only when signed by the pinned key; its `seq` never goes backwards.
 */
import { errorMessage, warning, type ErrorCode, type Messages, type Warning } from './codes.js';
import { importVerifyKey, publicJwkFor, thumbprint, type PublicJwk, type VerifyKey } from './jose/keys.js';
import { isAllowedAlg, parseCompactJws, parseJsonObject, type Alg } from './jose/jws.js';
import { encodeBase64url, STRICT_BASE64 } from './jose/base64url.js';
import { canonicalize } from './jose/canonical.js';
import { DEFAULT_SKEW, currentUnixTime, isUnixTime, type TimeOptions } from './time.js';

export const TRUST_LIST_TYP = 'yzt+jwt';
/** Far above any real list; bounds parsing work on hostile input. */
export const MAX_TRUST_LIST_LENGTH = 4 * 1024 * 1024;

export interface TrustedKey {
  readonly kid: string;
  readonly alg: Alg;
  readonly jwk: PublicJwk;
  readonly nbf?: number;
  readonly exp?: number;
  readonly revoked?: number;
  readonly verifier: VerifyKey;
}

export interface TrustedIssuer {
  readonly iss: string;
  readonly name: string;
  readonly keys: readonly TrustedKey[];
}

export interface StatusListEntry {
  readonly id: string;
  readonly iss: string;
}

export interface TrustList {
  /** The publisher (`iss` of the list). */
  readonly publisher: string;
  readonly iat: number;
  readonly exp: number;
  readonly seq: number;
  readonly issuers: ReadonlyMap<string, TrustedIssuer>;
  /** Seal root certificates, base64 DER (spec §5). */
  readonly sealRoots: readonly string[];
  readonly statusLists: readonly StatusListEntry[];
  /** base64url SHA-256 of the payload's canonical JSON (RFC 8785): "the same list" means the same digest. */
  readonly digest: string;
  /** Thumbprint of the pinned signer key that accepted it. */
  readonly signer: string;
}

/** What a verifier remembers between runs so that an older list is never accepted again. */
export interface TrustListState {
  readonly seq: number;
  readonly digest: string;
}

/** Keeps the highest accepted `seq` per pinned signer. Back it with storage to survive restarts. */
export interface TrustListStateStore {
  get(signer: string): Promise<TrustListState | undefined>;
  set(signer: string, state: TrustListState): Promise<void>;
}

export class MemoryTrustListStateStore implements TrustListStateStore {
  readonly #states = new Map<string, TrustListState>();
  async get(signer: string) {
    return this.#states.get(signer);
  }
  async set(signer: string, state: TrustListState) {
    this.#states.set(signer, state);
  }
}

export type TrustListErrorCode = Extract<ErrorCode, 'TRUST_LIST_INVALID' | 'TRUST_LIST_EXPIRED' | 'TRUST_LIST_ROLLBACK'>;

export type TrustListLoad =
  | { readonly ok: true; readonly trustList: TrustList; readonly warnings: readonly Warning[] }
  | { readonly ok: false; readonly code: TrustListErrorCode; readonly detail: string; readonly message: Messages };

export interface LoadTrustListOptions extends TimeOptions {
  /** The trust-list signer's public JWK, configured out of band (never taken from the list). */
  readonly pin: Readonly<Record<string, unknown>>;
  /** Rollback protection; a fresh in-memory store when omitted (protects only within this process). */
  readonly stateStore?: TrustListStateStore;
}

const refuse = (code: TrustListErrorCode, detail: string): TrustListLoad => ({ ok: false, code, detail, message: errorMessage(code) });

/** Verifies and accepts a trust list (spec §3 checks, in order). */
export async function loadTrustList(token: string, options: LoadTrustListOptions): Promise<TrustListLoad> {
  const now = options.now ?? currentUnixTime();
  const skew = options.skew ?? DEFAULT_SKEW;
  if (typeof token !== 'string' || token.length > MAX_TRUST_LIST_LENGTH) return refuse('TRUST_LIST_INVALID', 'not a string or too long');

  const pinAlg = options.pin.alg ?? (options.pin.kty === 'OKP' ? 'EdDSA' : 'ES256');
  if (!isAllowedAlg(pinAlg)) return refuse('TRUST_LIST_INVALID', 'pinned key has no allowed alg');
  const pinJwk = publicJwkFor(options.pin, pinAlg);
  if (typeof pinJwk === 'string') return refuse('TRUST_LIST_INVALID', `pinned key: ${pinJwk}`);
  const signer = await thumbprint(pinJwk);

  const parsed = parseCompactJws(token.trim(), TRUST_LIST_TYP);
  if (!parsed.ok) return refuse('TRUST_LIST_INVALID', parsed.detail);
  const { jws } = parsed;
  if (jws.alg !== pinAlg) return refuse('TRUST_LIST_INVALID', 'alg differs from the pinned key');
  let pinKey: VerifyKey;
  try {
    pinKey = await importVerifyKey(pinJwk, pinAlg, signer);
  } catch {
    return refuse('TRUST_LIST_INVALID', 'pinned key cannot be imported');
  }
  if (!(await pinKey.verify(jws.signingInput, jws.signature))) return refuse('TRUST_LIST_INVALID', 'signature by the pinned key does not verify');

  const payload = parseJsonObject(jws.payloadBytes);
  if (!payload) return refuse('TRUST_LIST_INVALID', 'payload is not a JSON object');
  const shaped = await shapeTrustList(payload);
  if (typeof shaped === 'string') return refuse('TRUST_LIST_INVALID', shaped);
  // "The same list" is the same content: member order and white space do not make a different list.
  const digest = encodeBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalize(payload)) as BufferSource)));

  if (now - skew >= shaped.exp) return refuse('TRUST_LIST_EXPIRED', `expired at ${shaped.exp}`);

  const store = options.stateStore ?? new MemoryTrustListStateStore();
  const accepted = await store.get(signer);
  if (accepted) {
    if (shaped.seq < accepted.seq) return refuse('TRUST_LIST_ROLLBACK', `seq ${shaped.seq} < accepted ${accepted.seq}`);
    if (shaped.seq === accepted.seq && digest !== accepted.digest) return refuse('TRUST_LIST_INVALID', `a different list with the same seq ${shaped.seq}`);
  }
  if (!accepted || shaped.seq > accepted.seq) await store.set(signer, { seq: shaped.seq, digest });

  const trustList: TrustList = { ...shaped, digest, signer };
  return { ok: true, trustList, warnings: trustListWarnings(trustList, now, skew) };
}

/** CLOCK_SUSPECT when this clock is earlier than the list's own issue time (spec §3). */
export function trustListWarnings(list: TrustList, now: number, skew = DEFAULT_SKEW): Warning[] {
  return now + skew < list.iat ? [warning('CLOCK_SUSPECT')] : [];
}

export function isTrustListExpired(list: TrustList, now: number, skew = DEFAULT_SKEW): boolean {
  return now - skew >= list.exp;
}

type ShapedList = Omit<TrustList, 'digest' | 'signer'>;

const isString = (v: unknown): v is string => typeof v === 'string';
const optionalTime = (v: unknown) => v === undefined || isUnixTime(v);

/** Validates the payload shape and every key (kid = RFC 7638 thumbprint, allowed alg). */
async function shapeTrustList(p: Record<string, unknown>): Promise<ShapedList | string> {
  if (!isString(p.iss) || !isUnixTime(p.iat) || !isUnixTime(p.exp)) return 'iss, iat or exp missing';
  if (!Number.isSafeInteger(p.seq) || (p.seq as number) < 0) return 'seq missing';
  if (!Array.isArray(p.issuers)) return 'issuers missing';
  const issuers = new Map<string, TrustedIssuer>();
  for (const entry of p.issuers as unknown[]) {
    const issuer = await shapeIssuer(entry);
    if (typeof issuer === 'string') return issuer;
    if (issuers.has(issuer.iss)) return `issuer ${issuer.iss} listed twice`;
    issuers.set(issuer.iss, issuer);
  }
  const sealRoots = p.sealRoots ?? [];
  if (!Array.isArray(sealRoots) || !sealRoots.every((r) => isString(r) && STRICT_BASE64.test(r))) return 'sealRoots malformed';
  const statusLists = p.statusLists ?? [];
  if (!Array.isArray(statusLists) || !statusLists.every((s) => isRecord(s) && isString(s.id) && isString(s.iss))) return 'statusLists malformed';
  return {
    publisher: p.iss,
    iat: p.iat,
    exp: p.exp,
    seq: p.seq as number,
    issuers,
    sealRoots: sealRoots as string[],
    statusLists: (statusLists as { id: string; iss: string }[]).map(({ id, iss }) => ({ id, iss })),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function shapeIssuer(entry: unknown): Promise<TrustedIssuer | string> {
  if (!isRecord(entry) || !isString(entry.iss) || !Array.isArray(entry.keys)) return 'issuer entry malformed';
  const keys: TrustedKey[] = [];
  for (const k of entry.keys as unknown[]) {
    if (!isRecord(k)) return `issuer ${entry.iss}: key malformed`;
    if (!isAllowedAlg(k.alg)) return `issuer ${entry.iss}: key alg not allowed`;
    const jwk = publicJwkFor(k, k.alg);
    if (typeof jwk === 'string') return `issuer ${entry.iss}: ${jwk}`;
    if (!isString(k.kid) || k.kid !== (await thumbprint(jwk))) return `issuer ${entry.iss}: kid is not the key's thumbprint`;
    if (!optionalTime(k.nbf) || !optionalTime(k.exp) || !optionalTime(k.revoked)) return `issuer ${entry.iss}: key times malformed`;
    let verifier: VerifyKey;
    try {
      verifier = await importVerifyKey(jwk, k.alg, k.kid);
    } catch {
      return `issuer ${entry.iss}: key cannot be imported`;
    }
    keys.push({ kid: k.kid, alg: k.alg, jwk, nbf: k.nbf as number | undefined, exp: k.exp as number | undefined, revoked: k.revoked as number | undefined, verifier });
  }
  return { iss: entry.iss, name: isString(entry.name) ? entry.name : entry.iss, keys };
}

/** Key lookup shared by presentations and status lists (spec §2 step 6). */
export function findIssuerKey(list: TrustList, iss: string, kid: string, alg: Alg): TrustedKey | 'UNKNOWN_ISSUER' | 'UNKNOWN_KEY' {
  const issuer = list.issuers.get(iss);
  if (!issuer) return 'UNKNOWN_ISSUER';
  return issuer.keys.find((k) => k.kid === kid && k.alg === alg) ?? 'UNKNOWN_KEY';
}

/** Spec §2 step 8: the key's window contains `iat`, and `iat` is before any revocation. */
export function checkKeyAt(key: TrustedKey, iat: number): 'KEY_NOT_VALID' | 'KEY_REVOKED' | null {
  if ((key.nbf !== undefined && iat < key.nbf) || (key.exp !== undefined && iat >= key.exp)) return 'KEY_NOT_VALID';
  if (key.revoked !== undefined && iat >= key.revoked) return 'KEY_REVOKED';
  return null;
}
