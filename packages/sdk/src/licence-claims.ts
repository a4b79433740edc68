/**
 * Shapes of a presentation's claims (spec §2, step 5) and the readable licence record they map to.
 * Anything missing or of the wrong JSON type is MALFORMED; unknown members are ignored.
 */
import { decodeCanonical } from './jose/base64url.js';
import { isUnixTime } from './time.js';

export const LICENCE_STATUSES = ['active', 'revoked', 'deregistered', 'moved-out'] as const;
/** active 存续 · revoked 吊销 · deregistered 注销 · moved-out 迁出 */
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** The licence as people read it (spec §9 names). */
export interface LicenceData {
  readonly name: string;
  readonly legalRepresentative: string;
  readonly type: string;
  /** YYYY-MM-DD */
  readonly established: string;
  readonly registrationAuthority: string;
  readonly status: LicenceStatus;
  readonly capital?: string;
  readonly address?: string;
  readonly scope?: string;
}

export interface PresentationClaims {
  readonly iss: string;
  readonly sub: string;
  readonly iat: number;
  readonly nbf?: number;
  readonly exp: number;
  readonly jti: string;
  readonly aud?: string;
  readonly nonce?: string;
  readonly scp?: readonly string[];
  readonly sts?: { readonly l: string; readonly i: number };
  readonly licence: LicenceData;
}

const MAX_AUD = 256;
const MAX_NONCE = 256;
const MAX_SCOPE_ID = 32;
const MIN_JTI_BYTES = 16;

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const length = (s: string) => [...s].length;

function isCalendarDate(value: unknown): value is string {
  if (!isString(value) || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function optionalString(v: unknown): v is string | undefined {
  return v === undefined || isString(v);
}

function shapeLicence(lic: unknown): LicenceData | string {
  if (!isRecord(lic)) return 'lic missing';
  const { n, lr, t, est, ra, st, cap, addr, scope } = lic;
  if (!isString(n) || length(n) < 1 || length(n) > 200) return 'lic.n must be 1–200 characters';
  if (!isString(lr) || !isString(t) || !isString(ra)) return 'lic.lr, lic.t or lic.ra missing';
  if (!isCalendarDate(est)) return 'lic.est is not a YYYY-MM-DD date';
  if (!(LICENCE_STATUSES as readonly unknown[]).includes(st)) return 'lic.st is not a known status';
  if (!optionalString(cap) || !optionalString(addr) || !optionalString(scope)) return 'lic.cap, lic.addr or lic.scope not a string';
  return {
    name: n,
    legalRepresentative: lr,
    type: t,
    established: est,
    registrationAuthority: ra,
    status: st as LicenceStatus,
    ...(cap !== undefined && { capital: cap }),
    ...(addr !== undefined && { address: addr }),
    ...(scope !== undefined && { scope }),
  };
}

/** Validates every claim's shape and the max age; returns the claims or what is wrong. */
export function shapeClaims(p: Record<string, unknown>, maxAge: number): PresentationClaims | string {
  const { iss, sub, iat, nbf, exp, jti, aud, nonce, scp, sts } = p;
  if (!isString(iss)) return 'iss missing';
  if (!isString(sub)) return 'sub missing';
  if (!isUnixTime(iat) || !isUnixTime(exp)) return 'iat or exp missing';
  if (nbf !== undefined && !isUnixTime(nbf)) return 'nbf is not a unix time';
  if (exp - iat <= 0 || exp - iat > maxAge) return `exp - iat must be within 1..${maxAge} s`;
  if (!isString(jti)) return 'jti missing';
  const jtiBytes = decodeCanonical(jti);
  if (!jtiBytes || jtiBytes.length < MIN_JTI_BYTES) return `jti must be canonical base64url of at least ${MIN_JTI_BYTES} bytes`;
  if (aud !== undefined && (!isString(aud) || length(aud) > MAX_AUD)) return 'aud must be a string of at most 256 characters';
  if (nonce !== undefined && (!isString(nonce) || length(nonce) > MAX_NONCE)) return 'nonce must be a string of at most 256 characters';
  if (scp !== undefined) {
    if (!Array.isArray(scp) || scp.length === 0) return 'scp must be a non-empty array';
    if (!scp.every((id) => isString(id) && length(id) <= MAX_SCOPE_ID)) return 'scp entries must be strings of at most 32 characters';
  }
  if (sts !== undefined && (!isRecord(sts) || !isString(sts.l) || !isUnixTime(sts.i))) return 'sts must be { l: string, i: index }';
  const licence = shapeLicence(p.lic);
  if (typeof licence === 'string') return licence;
  return {
    iss,
    sub,
    iat,
    exp,
    jti,
    licence,
    ...(nbf !== undefined && { nbf }),
    ...(aud !== undefined && { aud }),
    ...(nonce !== undefined && { nonce }),
    ...(scp !== undefined && { scp: scp as string[] }),
    ...(sts !== undefined && { sts: { l: (sts as { l: string }).l, i: (sts as { i: number }).i } }),
  };
}
