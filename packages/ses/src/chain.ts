/**
 * Certification paths for SES certificates (the seal maker's and the signer's) to the trust list's
 * seal roots: the SDK's spec §5 path building, CA and revocation rules, with SM2 signatures checked
 * by sm.ts (WebCrypto has no SM2). Roots come only from the trust list: a certificate found in the
 * file is never a root, only a candidate intermediate.
 */
import { buildPath as buildPathWith, checkRevocation, pathProblem as pathProblemWith, sealRoots, type ParsedCertificate, type ParsedCrl, type RevocationResult } from '@yizhao/sdk';
import { verifyWithCertificate } from './sm.js';

/** The trust list's seal roots (base64 DER), parsed once per list; unreadable entries are skipped. */
export const rootsOf = sealRoots;

export type Revocation = RevocationResult;

export function buildPath(leaf: ParsedCertificate, intermediates: readonly ParsedCertificate[], roots: readonly ParsedCertificate[]): Promise<ParsedCertificate[] | null> {
  return buildPathWith(leaf, intermediates, roots, verifyWithCertificate);
}

/** Every issuer on the path a CA, every signature verifying; null when the path is sound. */
export function pathProblem(path: readonly ParsedCertificate[]): Promise<string | null> {
  return pathProblemWith(path, verifyWithCertificate);
}

/** As spec §5 step 7: listed on any CRL that verifies under the issuer is revoked, whatever the dates. */
export function revocation(path: readonly ParsedCertificate[], crls: readonly ParsedCrl[], now: number): Promise<Revocation> {
  return checkRevocation(path, crls, now, verifyWithCertificate);
}
