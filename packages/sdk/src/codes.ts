/**
 * The stable codes of spec §8, the three outcomes people see, and their messages.
 * Messages live in locale files (zh-CN for the counters, en for everyone else); programs use the code.
 */
import en from './locales/en.json' with { type: 'json' };
import zhCN from './locales/zh-CN.json' with { type: 'json' };

export const ERROR_CODES = [
  'MALFORMED',
  'UNSUPPORTED_FORMAT',
  'NOT_A_PRESENTATION',
  'ALG_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_ISSUER',
  'UNKNOWN_KEY',
  'KEY_NOT_VALID',
  'KEY_REVOKED',
  'BAD_SIGNATURE',
  'EXPIRED',
  'NOT_YET_VALID',
  'REPLAYED',
  'AUDIENCE_MISMATCH',
  'SCOPE_MISMATCH',
  'NONCE_MISMATCH',
  'SUBJECT_INVALID',
  'LICENSE_NOT_ACTIVE',
  'STATUS_REVOKED',
  'STATUS_UNKNOWN',
  'TRUST_LIST_INVALID',
  'TRUST_LIST_EXPIRED',
  'TRUST_LIST_ROLLBACK',
  'HASH_MISMATCH',
  'SUBJECT_MISMATCH',
  'CHAIN_UNTRUSTED',
  'CERT_EXPIRED',
  'CERT_INVALID',
  'CERT_REVOKED',
  'REVOCATION_UNKNOWN',
  // SES seals in OFD documents (GB/T 38540 / GM/T 0031; docs/ses.md)
  'OFD_MALFORMED',
  'OFD_NOT_SIGNED',
  'REFERENCE_MISMATCH',
  'SEAL_MISMATCH',
  'SEAL_SIGNATURE_INVALID',
  'SIGNER_NOT_IN_SEAL',
  'SEAL_NOT_VALID',
  'SIGNER_CERT_MISSING',
  'SIGNATURE_UNSUPPORTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const WARNING_CODES = ['STATUS_UNKNOWN', 'CLOCK_SUSPECT', 'REVOCATION_NOT_CHECKED', 'CERT_EXPIRED_NOW'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** A message for people, in both languages the project ships. */
export type Messages = Readonly<Record<Locale, string>>;

/**
 * What a clerk is shown. "indeterminate" (cannot determine) is never "invalid": an expired trust list
 * or an unreachable status says nothing against the licence itself (spec §8).
 */
export type Outcome = 'valid' | 'invalid' | 'indeterminate';

const INDETERMINATE: ReadonlySet<string> = new Set([
  'TRUST_LIST_EXPIRED',
  'STATUS_UNKNOWN',
  'CHAIN_UNTRUSTED',
  'REVOCATION_UNKNOWN',
  'CERT_EXPIRED',
  'SIGNER_CERT_MISSING',
  'SIGNATURE_UNSUPPORTED',
]);

export function outcomeOf(code: ErrorCode | null): Outcome {
  if (code === null) return 'valid';
  return INDETERMINATE.has(code) ? 'indeterminate' : 'invalid';
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

type Catalogue = Record<string, string>;
const LOCALE_FILES: Record<Locale, { codes: Catalogue; warnings: Catalogue; details: Catalogue; labels: Catalogue }> = {
  'zh-CN': zhCN,
  en,
};

/** Fills `{name}` placeholders; values are plain text and stay plain text (never HTML). */
function fill(template: string, params: Readonly<Record<string, string | number>> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

function lookup(section: 'codes' | 'warnings' | 'details' | 'labels', key: string, params?: Readonly<Record<string, string | number>>): Messages {
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    const template = LOCALE_FILES[locale][section][key];
    out[locale] = fill(template ?? key, params);
  }
  return out;
}

/** The people's message for an error code. */
export function errorMessage(code: ErrorCode, params?: Readonly<Record<string, string | number>>): Messages {
  return lookup('codes', code, params);
}

/** The people's message for a warning code. */
export function warningMessage(code: WarningCode, params?: Readonly<Record<string, string | number>>): Messages {
  return lookup('warnings', code, params);
}

/** A message for a specific detail (e.g. which USCC rule failed), keyed in the locale files' `details`. */
export function detailMessage(key: string, params?: Readonly<Record<string, string | number>>): Messages {
  return lookup('details', key, params);
}

/** A UI label (licence field names, outcomes, kinds) in one locale; the key itself when unknown. */
export function label(key: string, locale: Locale): string {
  return LOCALE_FILES[locale].labels[key] ?? key;
}

/** A warning attached to a result: still a pass, but the person should know. */
export interface Warning {
  readonly code: WarningCode;
  readonly message: Messages;
}

export function warning(code: WarningCode, params?: Readonly<Record<string, string | number>>): Warning {
  return { code, message: warningMessage(code, params) };
}

/**
 * Thrown only for misuse of the API (a missing option, a non-string input), never for a
 * verification outcome: those are returned as values with a code. In the manner of jose's errors.
 */
export class YizhaoError extends Error {
  override readonly name = 'YizhaoError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
