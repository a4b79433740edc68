/**
 * Archived verification evidence (task 7: 存档): what was presented, when, against which trust list,
 * and what came out — enough to re-verify later exactly as it was verified then, with replay
 * checking off (the presentation was legitimately used once, at that time).
 */
import type { ErrorCode } from './codes.js';
import type { VerificationResult } from './result.js';
import { createVerifier, type VerifyOptions } from './verifier.js';

export interface VerificationEvidence {
  readonly v: 1;
  /** The scanned text, verbatim. */
  readonly presentation: string;
  /** Unix seconds at which it was verified. */
  readonly verifiedAt: number;
  /** The trust list (compact JWS) and the pinned key used then. */
  readonly trustList: string;
  readonly pin: Readonly<Record<string, unknown>>;
  readonly trustListSeq: number | null;
  readonly statusLists: readonly string[];
  /** The relying party's expectations at the time. */
  readonly audience?: string;
  readonly nonce?: string;
  readonly matter?: string;
  readonly result: { readonly ok: boolean; readonly code: ErrorCode | null; readonly uscc: string | null };
}

export interface EvidenceContext {
  readonly trustList: string;
  readonly pin: Readonly<Record<string, unknown>>;
  readonly verifiedAt: number;
  readonly trustListSeq?: number | null;
  readonly statusLists?: readonly string[];
  readonly options?: Pick<VerifyOptions, 'audience' | 'nonce' | 'matter'>;
}

export function evidenceOf(presentation: string, result: VerificationResult, ctx: EvidenceContext): VerificationEvidence {
  return {
    v: 1,
    presentation,
    verifiedAt: ctx.verifiedAt,
    trustList: ctx.trustList,
    pin: ctx.pin,
    trustListSeq: ctx.trustListSeq ?? null,
    statusLists: ctx.statusLists ?? [],
    ...(ctx.options?.audience !== undefined && { audience: ctx.options.audience }),
    ...(ctx.options?.nonce !== undefined && { nonce: ctx.options.nonce }),
    ...(ctx.options?.matter !== undefined && { matter: ctx.options.matter }),
    result: { ok: result.ok, code: result.code, uscc: result.uscc },
  };
}

/**
 * Re-verifies archived evidence at its recorded time against its recorded trust list, replay off.
 * `matches` says whether today's run reaches the archived outcome (same ok, code and subject).
 */
export async function reverifyEvidence(e: VerificationEvidence): Promise<{ result: VerificationResult; matches: boolean }> {
  const verifier = await createVerifier({ trustList: e.trustList, pin: e.pin, statusLists: e.statusLists, clock: () => e.verifiedAt });
  const result = await verifier.verify(e.presentation, {
    replay: false,
    ...(e.audience !== undefined && { audience: e.audience }),
    ...(e.nonce !== undefined && { nonce: e.nonce }),
    ...(e.matter !== undefined && { matter: e.matter }),
  });
  return { result, matches: result.ok === e.result.ok && result.code === e.result.code && result.uscc === e.result.uscc };
}
