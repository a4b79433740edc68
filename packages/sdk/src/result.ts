/**
 * One result shape for every consumer (CLI, extension, examples, audit): the spec code for programs,
 * the outcome and messages for people, and a trace of which checks ran.
 */
import { detailMessage, errorMessage, outcomeOf, type ErrorCode, type Messages, type Warning } from './codes.js';
import type { ScanKind } from './classify.js';
import type { LicenceData } from './licence-claims.js';
import type { Alg } from './jose/jws.js';
import type { UsccRule } from './uscc.js';

export type CheckName =
  | 'classification'
  | 'trust-list'
  | 'structure'
  | 'header'
  | 'payload'
  | 'claims'
  | 'subject'
  | 'issuer-key'
  | 'signature'
  | 'key-validity'
  | 'time'
  | 'audience'
  | 'nonce'
  | 'scope'
  | 'licence-status'
  | 'status-list'
  | 'replay'
  // seal signatures (spec §5)
  | 'digest'
  | 'subject-match'
  | 'chain'
  | 'validity'
  | 'revocation';

export interface CheckTrace {
  readonly check: CheckName;
  readonly ok: boolean;
  readonly detail?: string;
}

/** What the presentation itself says beyond the licence, once its signature verified. */
export interface PresentationInfo {
  readonly iss: string;
  readonly issuerName: string;
  readonly kid: string;
  readonly alg: Alg;
  readonly iat: number;
  readonly nbf?: number;
  readonly exp: number;
  readonly jti: string;
  readonly aud?: string;
  readonly nonce?: string;
  /** Catalogue matter ids the holder authorised; absent = not limited to matters. */
  readonly scope?: readonly string[];
  readonly status?: { readonly list: string; readonly index: number };
  readonly compressed: boolean;
}

interface Common {
  readonly kind: ScanKind;
  readonly message: Messages;
  readonly warnings: readonly Warning[];
  readonly trace: readonly CheckTrace[];
}

export interface LicenceVerified extends Common {
  readonly ok: true;
  readonly outcome: 'valid';
  readonly kind: 'licence';
  readonly code: null;
  readonly uscc: string;
  readonly licence: LicenceData;
  readonly presentation: PresentationInfo;
}

export interface VerificationFailed extends Common {
  readonly ok: false;
  readonly outcome: 'invalid' | 'indeterminate';
  readonly code: ErrorCode;
  /** Technical detail for logs and developers (English); people read `message`. */
  readonly detail?: string;
  /** Set once the signature verified, even when a later check failed (spec §9). */
  readonly uscc: string | null;
  readonly licence: LicenceData | null;
  readonly presentation: PresentationInfo | null;
  /** For kind `unknown`: the first 64 characters, plain text. */
  readonly preview?: string;
  /** For SUBJECT_INVALID: the first USCC rule that failed (spec §1). */
  readonly rule?: UsccRule;
}

export type VerificationResult = LicenceVerified | VerificationFailed;

export interface FailureParts {
  readonly kind: ScanKind;
  readonly code: ErrorCode;
  readonly detail?: string;
  /** A locale `details` key with its parameters, appended to the code's message. */
  readonly explain?: { readonly key: string; readonly params?: Record<string, string | number> };
  readonly warnings?: readonly Warning[];
  readonly trace?: readonly CheckTrace[];
  readonly uscc?: string | null;
  readonly licence?: LicenceData | null;
  readonly presentation?: PresentationInfo | null;
  readonly preview?: string;
  readonly rule?: UsccRule;
}

export function failure(parts: FailureParts): VerificationFailed {
  const base = errorMessage(parts.code);
  const message = parts.explain
    ? joinMessages(base, detailMessage(parts.explain.key, parts.explain.params))
    : base;
  return {
    ok: false,
    outcome: outcomeOf(parts.code) as 'invalid' | 'indeterminate',
    kind: parts.kind,
    code: parts.code,
    message,
    warnings: parts.warnings ?? [],
    trace: parts.trace ?? [],
    uscc: parts.uscc ?? null,
    licence: parts.licence ?? null,
    presentation: parts.presentation ?? null,
    ...(parts.detail !== undefined && { detail: parts.detail }),
    ...(parts.preview !== undefined && { preview: parts.preview }),
    ...(parts.rule !== undefined && { rule: parts.rule }),
  };
}

function joinMessages(a: Messages, b: Messages): Messages {
  return { 'zh-CN': `${a['zh-CN']}：${b['zh-CN']}`, en: `${a.en}: ${b.en}` };
}
