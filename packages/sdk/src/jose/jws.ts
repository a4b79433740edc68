/**
 * Strict compact-JWS parsing shared by presentations, trust lists, status lists and seals.
 * Only structure and shapes are judged here; keys and signatures are the caller's business.
 */
import type { ErrorCode } from '../codes.js';
import { decodeCanonical } from './base64url.js';

export const ALLOWED_ALGS = ['ES256', 'EdDSA'] as const;
export type Alg = (typeof ALLOWED_ALGS)[number];

export function isAllowedAlg(value: unknown): value is Alg {
  return value === 'ES256' || value === 'EdDSA';
}

export interface ParsedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly alg: Alg;
  /** The raw payload bytes (still compressed when `zip` is DEF). */
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
  /** ASCII `header.payload`, the bytes the signature covers. */
  readonly signingInput: Uint8Array;
}

export type JwsParse =
  | { readonly ok: true; readonly jws: ParsedJws }
  | { readonly ok: false; readonly code: ErrorCode; readonly stage: 'structure' | 'header'; readonly detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const ascii = new TextEncoder();

/** UTF-8 JSON that must be an object; null otherwise (invalid UTF-8, bad JSON, array, scalar). */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const malformed = (detail: string, stage: 'structure' | 'header' = 'structure'): JwsParse => ({ ok: false, code: 'MALFORMED', stage, detail });

/**
 * Splits and decodes a compact JWS, then applies the header rules common to every format here:
 * `alg` on the allow-list (ALG_NOT_ALLOWED, judged before any other header rule), `typ` exactly as
 * expected, no `crit`. Extra header rules (kid, zip, x5c) belong to each format.
 */
export function parseCompactJws(token: string, expectedTyp: string): JwsParse {
  const parts = token.split('.');
  if (parts.length !== 3) return malformed('not three segments');
  const [h, p, s] = parts as [string, string, string];
  if (h === '' || p === '') return malformed('empty segment');
  const headerBytes = decodeCanonical(h);
  const payloadBytes = decodeCanonical(p);
  const signature = decodeCanonical(s);
  if (!headerBytes || !payloadBytes || !signature) return malformed('non-canonical base64url');
  const header = parseJsonObject(headerBytes);
  if (!header) return malformed('header is not a JSON object', 'header');
  const alg = header.alg;
  if (alg === undefined || typeof alg !== 'string') return malformed('alg missing', 'header');
  if (!isAllowedAlg(alg)) return { ok: false, code: 'ALG_NOT_ALLOWED', stage: 'header', detail: `alg ${alg.slice(0, 32)}` };
  if (header.typ !== expectedTyp) return malformed(`typ is not ${expectedTyp}`, 'header');
  if ('crit' in header) return malformed('crit is not supported', 'header');
  return { ok: true, jws: { header, alg, payloadBytes, signature, signingInput: ascii.encode(`${h}.${p}`) } };
}
