/**
 * Seal-signature verification (spec §5): a `yzseal+jws` over a document's bytes, by a certificate
 * that chains to a trust-list seal root. Indications in the manner of ETSI EN 319 102-1.
 */
import { detailMessage, errorMessage, warning, type ErrorCode, type Messages, type Warning } from '../codes.js';
import { classify } from '../classify.js';
import { decodeBase64, decodeCanonical, encodeBase64url, STRICT_BASE64 } from '../jose/base64url.js';
import { parseCompactJws, parseJsonObject } from '../jose/jws.js';
import type { CheckName, CheckTrace } from '../result.js';
import { DEFAULT_SKEW, isUnixTime } from '../time.js';
import { isTrustListExpired, trustListWarnings, type TrustListLoad } from '../trust-list.js';
import { validateUscc } from '../uscc.js';
import { buildPath, checkRevocation, pathProblem, sealRoots } from './chain.js';
import { sha256Document, type DocumentInput } from './digest.js';
import { jwsKeyOf, parseCertificate, type ParsedCertificate, type ParsedCrl } from './x509.js';

export const SEAL_KINDS = ['official', 'contract', 'finance', 'invoice', 'legal-rep'] as const;
/** official 公章 · contract 合同专用章 · finance 财务专用章 · invoice 发票专用章 · legal-rep 法定代表人名章 */
export type SealKind = (typeof SEAL_KINDS)[number];
export type Indication = 'PASSED' | 'FAILED' | 'INDETERMINATE';

export interface SealInfo {
  readonly kind: SealKind;
  readonly name: string;
  /** base64url SHA-256 of the seal image, when the signer stated it. */
  readonly imageDigest?: string;
  readonly documentName?: string;
  /** Claimed signing time (unix s); certificate validity is judged at it. */
  readonly signingTime: number;
}

export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface SealVerification {
  readonly ok: boolean;
  readonly indication: Indication;
  readonly code: ErrorCode | null;
  readonly outcome: 'valid' | 'invalid' | 'indeterminate';
  readonly message: Messages;
  readonly detail?: string;
  /** The sealing entity's USCC, once the signature verified. */
  readonly uscc: string | null;
  readonly seal: SealInfo | null;
  readonly signer: { readonly name: string | null; readonly uscc: string } | null;
  /** Seal certificate first, then up to the root (when a path was found). */
  readonly chain: readonly CertificateSummary[];
  readonly warnings: readonly Warning[];
  readonly trace: readonly CheckTrace[];
}

export interface SealContext {
  readonly trustList: TrustListLoad;
  readonly crls?: readonly ParsedCrl[];
  readonly now: number;
  readonly skew?: number;
  /** Unchecked revocation is REVOCATION_UNKNOWN (INDETERMINATE) instead of a warning. */
  readonly strict?: boolean;
}

const FAILED: ReadonlySet<ErrorCode> = new Set(['ALG_NOT_ALLOWED', 'MALFORMED', 'SUBJECT_INVALID', 'BAD_SIGNATURE', 'HASH_MISMATCH', 'SUBJECT_MISMATCH', 'CERT_INVALID', 'CERT_REVOKED', 'NOT_A_PRESENTATION', 'UNSUPPORTED_FORMAT', 'OFD_MALFORMED', 'OFD_NOT_SIGNED', 'REFERENCE_MISMATCH', 'SEAL_MISMATCH', 'SEAL_SIGNATURE_INVALID', 'SIGNER_NOT_IN_SEAL', 'SEAL_NOT_VALID']);

export function indicationOf(code: ErrorCode | null): Indication {
  if (code === null) return 'PASSED';
  return FAILED.has(code) ? 'FAILED' : 'INDETERMINATE';
}

const summary = (c: ParsedCertificate): CertificateSummary => ({ subject: c.subject, issuer: c.issuer, serial: c.serial, notBefore: c.notBefore, notAfter: c.notAfter });

/** Only a bound against hostile input, far above any real seal (the spec sets no length limit). */
const MAX_SEAL_LENGTH = 4 * 1024 * 1024;

export async function verifySeal(document: DocumentInput, sealText: string, ctx: SealContext): Promise<SealVerification> {
  const trace: CheckTrace[] = [];
  const warnings: Warning[] = [];
  const skew = ctx.skew ?? DEFAULT_SKEW;
  let uscc: string | null = null;
  let seal: SealInfo | null = null;
  let signer: SealVerification['signer'] = null;
  let chain: CertificateSummary[] = [];
  const done = (code: ErrorCode | null, check?: CheckName, detail?: string): SealVerification => {
    if (check) trace.push({ check, ok: false, ...(detail !== undefined && { detail }) });
    const indication = indicationOf(code);
    return {
      ok: code === null,
      indication,
      code,
      outcome: code === null ? 'valid' : indication === 'FAILED' ? 'invalid' : 'indeterminate',
      message: code === null ? detailMessage('seal.valid') : errorMessage(code),
      ...(detail !== undefined && { detail }),
      uscc,
      seal,
      signer,
      chain,
      warnings,
      trace,
    };
  };
  const pass = (check: CheckName) => trace.push({ check, ok: true });

  if (!ctx.trustList.ok) return done(ctx.trustList.code, 'trust-list', ctx.trustList.detail);
  if (isTrustListExpired(ctx.trustList.trustList, ctx.now, skew)) return done('TRUST_LIST_EXPIRED', 'trust-list');
  warnings.push(...trustListWarnings(ctx.trustList.trustList, ctx.now, skew));
  pass('trust-list');

  // 1. structure, header, payload shapes
  const text = sealText.trim();
  if (text.length > MAX_SEAL_LENGTH) return done('MALFORMED', 'structure', 'seal text too long');
  const classified = classify(text);
  if (classified.kind !== 'seal') {
    // Still judge the JWS so that a bad alg or typ gets its own code.
    const parsed = parseCompactJws(text, 'yzseal+jws');
    return done(parsed.ok ? 'MALFORMED' : parsed.code, 'structure', parsed.ok ? 'not a seal signature' : parsed.detail);
  }
  const parsed = parseCompactJws(text, 'yzseal+jws');
  if (!parsed.ok) return done(parsed.code, parsed.stage, parsed.detail);
  const { jws } = parsed;
  const x5c = jws.header.x5c;
  if (!Array.isArray(x5c) || x5c.length < 1 || x5c.length > 5 || !x5c.every((c) => typeof c === 'string' && STRICT_BASE64.test(c))) return done('MALFORMED', 'header', 'x5c must hold 1–5 base64 certificates');
  const certs: ParsedCertificate[] = [];
  for (const c of x5c as string[]) {
    const cert = parseCertificate(decodeBase64(c));
    if (!cert) return done('MALFORMED', 'header', 'x5c holds something that is not a certificate');
    certs.push(cert);
  }
  pass('header');
  const p = parseJsonObject(jws.payloadBytes);
  if (!p) return done('MALFORMED', 'payload', 'payload is not a JSON object');
  const shaped = shapeSealPayload(p, ctx.now + skew);
  if (typeof shaped === 'string') return done('MALFORMED', 'payload', shaped);
  pass('payload');
  const subject = validateUscc(shaped.sub);
  if (!subject.ok) return done('SUBJECT_INVALID', 'subject', `sub fails rule ${subject.rule}`);
  pass('subject');

  // 2. signature with the seal certificate's key
  const leaf = certs[0]!;
  const key = await jwsKeyOf(leaf, jws.alg);
  if (!key || !(await key.verify(jws.signingInput, jws.signature))) return done('BAD_SIGNATURE', 'signature');
  pass('signature');
  uscc = shaped.sub;
  seal = shaped.seal;
  signer = { name: leaf.organizationName, uscc: shaped.sub };

  // 3. digest of the exact document bytes
  const digest = encodeBase64url(await sha256Document(document));
  if (digest !== shaped.dig) return done('HASH_MISMATCH', 'digest');
  pass('digest');

  // 4. the certificate names the same entity
  if (leaf.organizationIdentifier !== `NTRCN-${shaped.sub}`) return done('SUBJECT_MISMATCH', 'subject-match', `certificate organizationIdentifier ${leaf.organizationIdentifier ?? 'missing'}`);
  pass('subject-match');

  // 5. chain to a trust-list seal root
  const path = await buildPath(leaf, certs.slice(1), sealRoots(ctx.trustList.trustList.sealRoots));
  if (!path) {
    chain = certs.map(summary);
    return done('CHAIN_UNTRUSTED', 'chain');
  }
  chain = path.map(summary);
  if (!leaf.digitalSignature) return done('CERT_INVALID', 'chain', 'seal certificate lacks the digitalSignature key usage');
  const problem = await pathProblem(path);
  if (problem) return done('CERT_INVALID', 'chain', problem);
  pass('chain');

  // 6. every certificate valid at the claimed signing time
  const expired = path.find((c) => shaped.seal.signingTime < c.notBefore || shaped.seal.signingTime > c.notAfter);
  if (expired) return done('CERT_EXPIRED', 'validity', `${expired.subject} not valid at sigT`);
  if (path.some((c) => ctx.now > c.notAfter)) warnings.push(warning('CERT_EXPIRED_NOW'));
  pass('validity');

  // 7. revocation by the CRLs held
  const revocation = await checkRevocation(path, ctx.crls ?? [], ctx.now);
  if (revocation.revoked) return done('CERT_REVOKED', 'revocation', `serial ${revocation.revoked.serial}`);
  if (revocation.unchecked.length > 0) {
    const detail = `not revocation-checked: ${revocation.unchecked.map((c) => c.serial).join(', ')}`;
    if (ctx.strict) return done('REVOCATION_UNKNOWN', 'revocation', detail);
    warnings.push(warning('REVOCATION_NOT_CHECKED'));
    trace.push({ check: 'revocation', ok: false, detail: `${detail} (warning)` });
  } else pass('revocation');
  return done(null);
}

interface SealPayload {
  dig: string;
  sub: string;
  seal: SealInfo;
}

function shapeSealPayload(p: Record<string, unknown>, latest: number): SealPayload | string {
  const { dig, sigT, sub, seal, dn } = p;
  if (typeof dig !== 'string' || decodeCanonical(dig)?.length !== 32) return 'dig must be base64url SHA-256';
  if (!isUnixTime(sigT)) return 'sigT missing';
  if (sigT > latest) return 'sigT is in the future';
  if (typeof sub !== 'string') return 'sub missing';
  if (typeof seal !== 'object' || seal === null || Array.isArray(seal)) return 'seal missing';
  const { k, n, img } = seal as Record<string, unknown>;
  if (!(SEAL_KINDS as readonly unknown[]).includes(k)) return 'seal.k is not a known kind';
  if (typeof n !== 'string') return 'seal.n missing';
  if (img !== undefined && (typeof img !== 'string' || decodeCanonical(img)?.length !== 32)) return 'seal.img must be base64url SHA-256';
  if (dn !== undefined && typeof dn !== 'string') return 'dn must be a string';
  return {
    dig,
    sub,
    seal: { kind: k as SealKind, name: n, signingTime: sigT, ...(img !== undefined && { imageDigest: img as string }), ...(dn !== undefined && { documentName: dn }) },
  };
}
