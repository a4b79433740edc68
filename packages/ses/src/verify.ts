/**
 * Verification of one SES_Signature (v1 or v4): the signer's signature over TBS_Sign, dataHash over
 * the signed file, the seal maker's signature over the seal, the tie between them (the signer's
 * certificate must be one the seal lists), the seal's validity at signing time, and both
 * certificates' paths to the trust list's seal roots.
 */
import { DEFAULT_SKEW, parseCertificate, warning, type ParsedCertificate, type Warning } from '@yizhao/sdk';
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ce_keyUsage, KeyUsage } from '@peculiar/asn1-x509';
import { buildPath, pathProblem, revocation, rootsOf } from './chain.js';
import { equalBytes, hex } from './der.js';
import { sealImage, summarise, usccOf } from './identity.js';
import { Checks, decide, messageFor, outcomeOf, type SealSummary, type SesContext, type SesVerification } from './result.js';
import { parseSeal, parseSignature, type SesSeal, type SesSignature } from './ses.js';
import { digestFor, sha256, SIGNATURE_ALGORITHMS, sm3, verifyWithCertificate } from './sm.js';

export interface SignedFile {
  /** The bytes dataHash covers (in OFD: Signature.xml as stored). */
  readonly data: Uint8Array;
  /** Signature.xml's SignatureMethod and SignatureDateTime, when known. */
  readonly method?: string;
  readonly dateTime?: string;
}

const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const currentTime = () => Math.floor(Date.now() / 1000);

/** Verifies a bare SES_Signature (e.g. a SignedValue.dat), against the signed file when given. */
export async function verifySesSignature(bytes: Uint8Array, ctx: SesContext = {}, signed?: SignedFile): Promise<SesVerification> {
  const checks = new Checks();
  let sig: SesSignature;
  try {
    sig = parseSignature(bytes);
  } catch (error) {
    checks.fail('structure', 'OFD_MALFORMED', `not an SES_Signature: ${(error as Error).message}`);
    return finish(checks, { version: null });
  }
  return finish(checks, await checkSignature(sig, checks, ctx, signed));
}

/** Verifies a bare seal (SESeal, an .esl file): structure, maker's signature, validity now, chain. */
export async function verifySesSeal(bytes: Uint8Array, ctx: SesContext = {}): Promise<SesVerification> {
  const checks = new Checks();
  let seal: SesSeal;
  try {
    seal = parseSeal(bytes);
  } catch (error) {
    checks.fail('structure', 'OFD_MALFORMED', `not an SESeal: ${(error as Error).message}`);
    return finish(checks, { version: null });
  }
  const maker = parseCertificate(seal.makerCert);
  if (!maker) {
    checks.fail('structure', 'OFD_MALFORMED', "the seal maker's certificate does not parse");
    return finish(checks, { version: seal.version });
  }
  checks.pass('structure', `SESeal v${seal.version}`);
  checkAlgorithms(checks, [seal.signatureAlgorithm]);
  const now = ctx.now ?? currentTime();
  await checkSealSignature(checks, seal, maker);
  checks.check('seal-validity', seal.property.validStart <= now && now <= seal.property.validEnd, 'SEAL_NOT_VALID', `valid ${iso(seal.property.validStart)} … ${iso(seal.property.validEnd)}, checked at ${iso(now)}`);
  const warnings: Warning[] = [];
  checkCertificateTimes(checks, [maker], now, now, warnings);
  await checkChains(checks, [maker], ctx, now, warnings);
  return finish(checks, { version: seal.version, seal: sealSummary(seal, maker), warnings });
}

interface Partial {
  version: 1 | 4 | null;
  seal?: SealSummary | null;
  signer?: ParsedCertificate | null;
  signatureVerified?: boolean;
  signingTime?: number | null;
  warnings?: Warning[];
}

export function finish(checks: Checks, p: Partial): SesVerification {
  const { indication, code } = decide(checks.list);
  return {
    ok: indication === 'PASSED',
    indication,
    code,
    outcome: outcomeOf(indication),
    message: messageFor(code),
    version: p.version,
    checks: checks.list,
    warnings: p.warnings ?? [],
    uscc: p.signer && p.signatureVerified ? usccOf(p.signer) : null,
    signer: p.signer ? summarise(p.signer) : null,
    signingTime: p.signingTime ?? null,
    seal: p.seal ?? null,
  };
}

function sealSummary(seal: SesSeal, maker: ParsedCertificate | null): SealSummary {
  const { property: p } = seal;
  return {
    version: seal.version,
    esId: seal.esId,
    name: p.name,
    type: p.type,
    vendorId: seal.header.vendorId,
    headerVersion: seal.header.version,
    createDate: p.createDate,
    validStart: p.validStart,
    validEnd: p.validEnd,
    maker: maker ? summarise(maker) : null,
    picture: sealImage(seal.picture),
  };
}

/** The SES checks after parsing; shared by the OFD verifier, which adds the package checks around them. */
export async function checkSignature(sig: SesSignature, checks: Checks, ctx: SesContext, signed?: SignedFile): Promise<Partial> {
  const signer = parseCertificate(sig.signerCert);
  const maker = parseCertificate(sig.seal.makerCert);
  const seal = sealSummary(sig.seal, maker);
  if (!signer || !maker) {
    checks.fail('structure', 'OFD_MALFORMED', `${signer ? "the seal maker's" : "the signer's"} certificate does not parse`);
    return { version: sig.version, seal, signer, signingTime: sig.signingTime };
  }
  checks.pass('structure', `SES_Signature v${sig.version} (TBS_Sign version ${sig.tbsVersion}), SESeal v${sig.seal.version}${sig.hasTimestamp ? '; time-stamp present, not verified' : ''}`);
  checkAlgorithms(checks, [sig.signatureAlgorithm, sig.seal.signatureAlgorithm], signed?.method);

  if (signed) {
    const digest = await digestFor(sig.signatureAlgorithm, signed.data);
    checks.check('data-hash', equalBytes(digest, sig.dataHash), 'HASH_MISMATCH', `dataHash ${equalBytes(digest, sig.dataHash) ? 'matches' : `is ${hex(sig.dataHash)}, the file hashes to ${hex(digest)}`}; propertyInfo "${sig.propertyInfo}"`);
  }
  const signatureVerified = await verifyWithCertificate(signer, sig.signatureAlgorithm, sig.tbs, sig.signature);
  checks.check('signature', signatureVerified, 'BAD_SIGNATURE', signatureVerified ? `by ${signer.subject} #${signer.serial}` : `the signature over TBS_Sign does not verify with ${signer.subject} #${signer.serial}`);
  await checkSealSignature(checks, sig.seal, maker);
  await checkSignerInSeal(checks, sig.seal, signer);

  const { validStart, validEnd } = sig.seal.property;
  const t = sig.signingTime;
  checks.check('seal-validity', validStart <= t && t <= validEnd, 'SEAL_NOT_VALID', `seal valid ${iso(validStart)} … ${iso(validEnd)}; signed ${iso(t)}`);
  const now = ctx.now ?? currentTime();
  const future = t > now + (ctx.skew ?? DEFAULT_SKEW);
  checks.check('signing-time', !future, 'OFD_MALFORMED', `${iso(t)}${future ? ' is in the future' : ''}${signed?.dateTime ? `; Signature.xml says ${signed.dateTime}` : ''}`);

  const warnings: Warning[] = [];
  checkCertificateTimes(checks, [signer, maker], t, now, warnings);
  await checkChains(checks, [signer, maker], ctx, t, warnings);
  return { version: sig.version, seal, signer, signatureVerified, signingTime: t, warnings };
}

export function checkAlgorithms(checks: Checks, oids: readonly string[], method?: string): void {
  const bad = oids.find((o) => !(o in SIGNATURE_ALGORITHMS));
  if (bad) {
    checks.fail('algorithm', 'ALG_NOT_ALLOWED', `algorithm ${bad} is not allowed`);
    return;
  }
  // SignatureMethod is informational in OFD, but an OID there that contradicts the SES structure is not.
  if (method && /^\d+(\.\d+)+$/.test(method) && method !== oids[0]) {
    checks.fail('algorithm', 'OFD_MALFORMED', `Signature.xml names ${method}, the signature ${oids[0]}`);
    return;
  }
  checks.pass('algorithm', [...new Set(oids.map((o) => SIGNATURE_ALGORITHMS[o]))].join(', '));
}

async function checkSealSignature(checks: Checks, seal: SesSeal, maker: ParsedCertificate): Promise<void> {
  for (const form of seal.signedForms) {
    if (await verifyWithCertificate(maker, seal.signatureAlgorithm, form.data, seal.signature)) {
      checks.pass('seal-signature', `by the seal maker ${maker.subject} #${maker.serial}, over ${form.name}`);
      return;
    }
  }
  checks.fail('seal-signature', 'SEAL_SIGNATURE_INVALID', `the seal maker's signature does not verify with ${maker.subject} #${maker.serial}`);
}

/** The tie between person and seal: the signer's certificate is in the seal's certList (or its digest). */
async function checkSignerInSeal(checks: Checks, seal: SesSeal, signer: ParsedCertificate): Promise<void> {
  const { property: p } = seal;
  if (p.certListType === 1) {
    const listed = p.certs.some((c) => equalBytes(c, signer.der));
    checks.check('signer-in-seal', listed, 'SIGNER_NOT_IN_SEAL', `${listed ? 'listed' : 'not among'} the seal's ${p.certs.length} certificate(s)`);
    return;
  }
  for (const d of p.certDigests) {
    if (!d.algorithm) continue;
    const digest = d.algorithm === 'sm3' ? sm3(signer.der) : await sha256(signer.der);
    if (equalBytes(digest, d.value)) {
      checks.pass('signer-in-seal', `listed by ${d.algorithmName} digest`);
      return;
    }
  }
  const unknown = p.certDigests.filter((d) => !d.algorithm).map((d) => d.algorithmName);
  checks.fail('signer-in-seal', 'SIGNER_NOT_IN_SEAL', `not among the seal's ${p.certDigests.length} certificate digest(s)${unknown.length ? ` (unknown digest types: ${unknown.join(', ')})` : ''}`);
}

/**
 * keyUsage, when present, must allow signing: digitalSignature or nonRepudiation; the seal maker's
 * may instead have keyCertSign (a seal is an authority's attestation, as a certificate is).
 */
function maySign(cert: ParsedCertificate, maker: boolean): boolean {
  const ext = cert.cert.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_keyUsage);
  if (!ext) return true;
  try {
    const usage = AsnConvert.parse(ext.extnValue, KeyUsage).toJSON();
    return usage.includes('digitalSignature') || usage.includes('nonRepudiation') || (maker && usage.includes('keyCertSign'));
  } catch {
    return false;
  }
}

function checkCertificateTimes(checks: Checks, certs: readonly ParsedCertificate[], at: number, now: number, warnings: Warning[]): void {
  const outside = certs.filter((c) => at < c.notBefore || at > c.notAfter);
  // The seal maker's certificate is the last one given.
  const unusable = certs.filter((c, i) => !maySign(c, i === certs.length - 1));
  if (unusable.length) checks.fail('cert-validity', 'CERT_INVALID', `key usage does not allow signing: ${unusable.map((c) => c.subject).join('; ')}`);
  else if (outside.length) checks.fail('cert-validity', 'CERT_EXPIRED', `not valid at ${iso(at)}: ${outside.map((c) => `${c.subject} #${c.serial} (${iso(c.notBefore)} … ${iso(c.notAfter)})`).join('; ')}`);
  else {
    const expiredNow = certs.some((c) => now > c.notAfter);
    if (expiredNow) warnings.push(warning('CERT_EXPIRED_NOW'));
    checks.pass('cert-validity', `valid at ${iso(at)}${expiredNow ? ' (expired since)' : ''}`);
  }
}

/** Each certificate's path to a seal root of the trust list, then revocation by the CRLs held. */
export async function checkChains(checks: Checks, certs: readonly ParsedCertificate[], ctx: SesContext, at: number, warnings: Warning[]): Promise<void> {
  const list = ctx.trustList;
  if (!list) {
    checks.fail('chain', 'CHAIN_UNTRUSTED', 'no trust list given: seal roots unknown');
    return;
  }
  if (!list.ok) {
    checks.fail('chain', list.code, list.detail);
    return;
  }
  const now = ctx.now ?? currentTime();
  if (now - (ctx.skew ?? DEFAULT_SKEW) >= list.trustList.exp) {
    checks.fail('chain', 'TRUST_LIST_EXPIRED', 'the trust list has expired');
    return;
  }
  const roots = rootsOf(list.trustList.sealRoots);
  // Other certificates in the file may serve as intermediates, never as roots.
  const paths: ParsedCertificate[][] = [];
  for (const cert of certs) {
    const path = await buildPath(cert, certs, roots);
    if (!path) {
      checks.fail('chain', 'CHAIN_UNTRUSTED', `no path from ${cert.subject} #${cert.serial} to a seal root (${roots.length} configured)`);
      return;
    }
    const problem = await pathProblem(path);
    if (problem) {
      checks.fail('chain', 'CERT_INVALID', problem);
      return;
    }
    const expired = path.find((c) => at < c.notBefore || at > c.notAfter);
    if (expired) {
      checks.fail('chain', 'CERT_EXPIRED', `${expired.subject} not valid at ${iso(at)}`);
      return;
    }
    paths.push(path);
  }
  checks.pass('chain', paths.map((p) => p.map((c) => c.subject).join(' → ')).join('; '));
  await checkRevocation(checks, paths, ctx, now, warnings);
}

async function checkRevocation(checks: Checks, paths: readonly ParsedCertificate[][], ctx: SesContext, now: number, warnings: Warning[]): Promise<void> {
  const unchecked: string[] = [];
  for (const path of paths) {
    const r = await revocation(path, ctx.crls ?? [], now);
    if (r.revoked) {
      checks.fail('revocation', 'CERT_REVOKED', `serial ${r.revoked.serial} (${r.revoked.subject})`);
      return;
    }
    unchecked.push(...r.unchecked.map((c) => c.serial));
  }
  if (unchecked.length === 0) {
    checks.pass('revocation');
    return;
  }
  const detail = `not revocation-checked: ${[...new Set(unchecked)].join(', ')}`;
  if (ctx.strict) checks.fail('revocation', 'REVOCATION_UNKNOWN', detail);
  else {
    warnings.push(warning('REVOCATION_NOT_CHECKED'));
    checks.pass('revocation', `${detail} (warning)`);
  }
}
