/**
 * @yizhao/sdk — verify electronic business-licence presentations and e-seals offline.
 * Pure logic on WebCrypto: runs in browsers and Node alike (no Node-only imports here).
 */
export * from './codes.js';
export * from './uscc.js';
export { classify, PRESENTATION_PREFIX, SEAL_TYP, type Classification, type ScanKind } from './classify.js';
export { LICENCE_STATUSES, type LicenceData, type LicenceStatus, type PresentationClaims } from './licence-claims.js';
export { verifyPresentation, statusListKey, DEFAULT_MAX_AGE, MAX_INFLATED_PAYLOAD, PRESENTATION_TYP, type PresentationContext } from './licence.js';
export type { CheckName, CheckTrace, LicenceVerified, PresentationInfo, VerificationFailed, VerificationResult } from './result.js';
export { MemoryReplayStore, replayKey, type MemoryReplayStoreOptions, type ReplayStore } from './replay.js';
export { loadStatusList, statusAt, STATUS_LIST_TYP, type StatusList, type StatusListLoad } from './status-list.js';
export { DEFAULT_SKEW, type TimeOptions } from './time.js';
export {
  loadTrustList,
  MemoryTrustListStateStore,
  TRUST_LIST_TYP,
  type LoadTrustListOptions,
  type StatusListEntry,
  type TrustedIssuer,
  type TrustedKey,
  type TrustList,
  type TrustListLoad,
  type TrustListState,
  type TrustListStateStore,
} from './trust-list.js';
export { combineLicenceAndSeal, createVerifier, Verifier, type LicenceAndSeal, type SealOptions, type VerifierOptions, type VerifyOptions } from './verifier.js';
export { indicationOf, SEAL_KINDS, verifySeal, type CertificateSummary, type Indication, type SealContext, type SealInfo, type SealKind, type SealVerification } from './seal/seal.js';
export { sha256Document, type DocumentInput } from './seal/digest.js';
export { parseCertificate, parseCrl, verifyBy, type ParsedCertificate, type ParsedCrl } from './seal/x509.js';
export { buildPath, checkRevocation, MAX_CHAIN, pathProblem, sealRoots, type RevocationResult, type SignatureCheck } from './seal/chain.js';
export { isCanonicalBase64url } from './jose/base64url.js';
export { canonicalize } from './jose/canonical.js';
export type { Alg } from './jose/jws.js';
export * from './catalogue/index.js';
export * from './detector/index.js';
export * from './audit/index.js';
export * from './evidence.js';
