/**
 * Results in the SDK's seal-verification model (indication + code + details, spec §5), with every
 * check reported by name so that a person can see what held and what did not.
 */
import { detailMessage, errorMessage, indicationOf, type ErrorCode, type Indication, type Messages, type ParsedCrl, type TrustListLoad, type Warning } from '@yizhao/sdk';
import type { SealImage, SignerSummary } from './identity.js';
import type { SesVersion } from './ses.js';
import type { ZipLimits } from './zip.js';

export type SesCheckName =
  | 'package'
  | 'signature-xml'
  | 'references'
  | 'structure'
  | 'algorithm'
  | 'seal-file'
  | 'data-hash'
  | 'signature'
  | 'seal-signature'
  | 'signer-in-seal'
  | 'seal-validity'
  | 'signing-time'
  | 'cert-validity'
  | 'chain'
  | 'revocation';

export interface SesCheck {
  readonly name: SesCheckName;
  readonly ok: boolean;
  /** What was found, for people and logs (plain text). */
  readonly detail: string | null;
  /** The code a failed check stands for (null when it passed). */
  readonly code: ErrorCode | null;
}

export interface SealSummary {
  readonly version: SesVersion;
  readonly esId: string;
  readonly name: string;
  /** Seal type number of the standard (1 official 公章, 2 financial, 3 invoice, … as producers assign). */
  readonly type: number;
  readonly vendorId: string;
  readonly headerVersion: number;
  readonly createDate: number;
  readonly validStart: number;
  readonly validEnd: number;
  readonly maker: SignerSummary | null;
  readonly picture: SealImage;
}

export interface SesVerification {
  readonly ok: boolean;
  readonly indication: Indication;
  readonly code: ErrorCode | null;
  readonly outcome: 'valid' | 'invalid' | 'indeterminate';
  readonly message: Messages;
  /** 1 or 4 for SES; null for a bare signature (Type="Sign" without SES). */
  readonly version: SesVersion | null;
  readonly checks: readonly SesCheck[];
  readonly warnings: readonly Warning[];
  /** The signer's USCC, when the signature verified and the certificate carries one. */
  readonly uscc: string | null;
  readonly signer: SignerSummary | null;
  /** Signing time claimed in the signed data (unix s). */
  readonly signingTime: number | null;
  readonly seal: SealSummary | null;
}

export interface SesContext {
  /** The accepted trust list (its `sealRoots`); without one, chains are INDETERMINATE. */
  readonly trustList?: TrustListLoad;
  readonly crls?: readonly ParsedCrl[];
  /** Verification time, unix s (default: the clock). */
  readonly now?: number;
  readonly skew?: number;
  /** Unchecked revocation is REVOCATION_UNKNOWN (INDETERMINATE) instead of a warning. */
  readonly strict?: boolean;
  /** Certificates (DER) to try on bare signatures that carry none (Type="Sign"). */
  readonly signerCertificates?: readonly Uint8Array[];
  readonly limits?: ZipLimits;
}

const RANK: Record<Indication, number> = { PASSED: 0, INDETERMINATE: 1, FAILED: 2 };

export function worst(indications: Iterable<Indication>): Indication {
  let w: Indication = 'PASSED';
  for (const i of indications) if (RANK[i] > RANK[w]) w = i;
  return w;
}

/**
 * The result's code: the first failed check of the worst indication, so that a FAILED check (a
 * tampered file) is never hidden behind an earlier INDETERMINATE one (an unknown root).
 */
export function decide(checks: readonly SesCheck[]): { indication: Indication; code: ErrorCode | null } {
  const failed = checks.filter((c): c is SesCheck & { code: ErrorCode } => !c.ok && c.code !== null);
  const indication = worst(failed.map((c) => indicationOf(c.code)));
  return { indication, code: failed.find((c) => indicationOf(c.code) === indication)?.code ?? null };
}

export const outcomeOf = (i: Indication) => (i === 'PASSED' ? 'valid' : i === 'FAILED' ? 'invalid' : 'indeterminate');

export const messageFor = (code: ErrorCode | null): Messages => (code === null ? detailMessage('seal.valid') : errorMessage(code));

/** Collects checks in order. */
export class Checks {
  readonly list: SesCheck[] = [];
  pass(name: SesCheckName, detail: string | null = null): true {
    this.list.push({ name, ok: true, detail, code: null });
    return true;
  }
  fail(name: SesCheckName, code: ErrorCode, detail: string | null = null): false {
    this.list.push({ name, ok: false, detail, code });
    return false;
  }
  check(name: SesCheckName, ok: boolean, code: ErrorCode, detail: string | null = null): boolean {
    return ok ? this.pass(name, detail) : this.fail(name, code, detail);
  }
}
