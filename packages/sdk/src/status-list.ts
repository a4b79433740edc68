/**
 * Status lists (spec §4): a signed, compressed bitstring per issuer; a set bit means revoked or
 * suspended. A list is held only when it verifies against the trust list; "not held" is never "revoked".
 */
import { decodeCanonical } from './jose/base64url.js';
import { inflateRawBounded } from './jose/inflate.js';
import { parseCompactJws, parseJsonObject } from './jose/jws.js';
import { DEFAULT_SKEW, isUnixTime } from './time.js';
import { checkKeyAt, findIssuerKey, type TrustList } from './trust-list.js';

export const STATUS_LIST_TYP = 'yzs+jwt';
/** 2^24 entries (2 MiB of bits) bounds inflation; far above one issuer's licences in a district. */
export const MAX_STATUS_LIST_SIZE = 1 << 24;

export interface StatusList {
  readonly id: string;
  readonly iss: string;
  readonly iat: number;
  readonly exp: number;
  readonly size: number;
  readonly bits: Uint8Array;
}

export type StatusListLoad = { readonly ok: true; readonly list: StatusList } | { readonly ok: false; readonly detail: string };

const refuse = (detail: string): StatusListLoad => ({ ok: false, detail });

/** Verifies a status list against an accepted trust list; refused lists are simply not held. */
export async function loadStatusList(token: string, trustList: TrustList): Promise<StatusListLoad> {
  if (typeof token !== 'string' || token.length > MAX_STATUS_LIST_SIZE) return refuse('not a string or too long');
  const parsed = parseCompactJws(token.trim(), STATUS_LIST_TYP);
  if (!parsed.ok) return refuse(parsed.detail);
  const { jws } = parsed;
  const kid = jws.header.kid;
  if (typeof kid !== 'string') return refuse('kid missing');
  const p = parseJsonObject(jws.payloadBytes);
  if (!p) return refuse('payload is not a JSON object');
  const { iss, sub, iat, exp, size, bits } = p;
  if (typeof iss !== 'string' || typeof sub !== 'string' || !isUnixTime(iat) || !isUnixTime(exp)) return refuse('iss, sub, iat or exp missing');
  if (!Number.isSafeInteger(size) || (size as number) < 0 || (size as number) > MAX_STATUS_LIST_SIZE) return refuse('size out of range');
  if (typeof bits !== 'string') return refuse('bits missing');
  if (!trustList.statusLists.some((entry) => entry.id === sub && entry.iss === iss)) return refuse(`list ${sub} of ${iss} is not on the trust list`);

  const key = findIssuerKey(trustList, iss, kid, jws.alg);
  if (typeof key === 'string') return refuse(key);
  if (!(await key.verifier.verify(jws.signingInput, jws.signature))) return refuse('signature does not verify');
  const keyProblem = checkKeyAt(key, iat);
  if (keyProblem) return refuse(keyProblem);

  const compressed = decodeCanonical(bits);
  if (!compressed) return refuse('bits are not canonical base64url');
  const byteLength = Math.ceil((size as number) / 8);
  // A bitstring longer than `size` is still a list (bits past `size` are never read); inflation is
  // bounded by the largest list we accept, not by the declared size.
  const inflated = inflateRawBounded(compressed, MAX_STATUS_LIST_SIZE / 8);
  if (!inflated.ok) return refuse(`bits ${inflated.reason}`);
  if (inflated.bytes.length < byteLength) return refuse('bitstring shorter than size');
  return { ok: true, list: { id: sub, iss, iat, exp, size: size as number, bits: inflated.bytes } };
}

/** True/false for a held, current list; undefined when the list cannot answer (expired, index out of range). */
export function statusAt(list: StatusList, index: number, now: number, skew = DEFAULT_SKEW): boolean | undefined {
  if (now - skew >= list.exp || now + skew < list.iat) return undefined;
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.size) return undefined;
  const byte = list.bits[Math.floor(index / 8)]!;
  return ((byte >> (7 - (index % 8))) & 1) === 1;
}
