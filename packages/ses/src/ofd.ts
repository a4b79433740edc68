/**
 * OFD documents (GB/T 33190) with signatures (GB/T 38540 §7): every signature listed in each
 * document's Signatures.xml is checked — its References against the package files, the stored
 * Seal.esl against the seal inside the signature, then the SES checks of verify.ts.
 */
import { indicationOf, parseCertificate, type ErrorCode, type Indication, type Messages, type Warning } from '@yizhao/sdk';
import { equalBytes } from './der.js';
import { Checks, messageFor, outcomeOf, worst, type SesContext, type SesVerification } from './result.js';
import { parseSignature, type SesSignature } from './ses.js';
import { sha256, sm2RawSignature, sm3, verifyWithCertificate, OID } from './sm.js';
import { checkAlgorithms, checkChains, checkSignature, finish } from './verify.js';
import { child, childrenNamed, childText, parseXml, type XmlElement } from './xml.js';
import { OfdZip, ZipError } from './zip.js';

export interface OfdSignatureVerification extends SesVerification {
  /** The ID in Signatures.xml. */
  readonly id: string;
  readonly type: 'seal' | 'sign';
  /** Signature.xml's path in the package. */
  readonly path: string;
  /** Where the seal is shown: page ID and boundary (mm), from the StampAnnots. */
  readonly stamps: readonly { readonly page: string | null; readonly boundary: string | null }[];
}

export interface OfdVerification {
  readonly ok: boolean;
  /** The worst indication over all signatures. */
  readonly indication: Indication;
  /** The code of the first signature with the worst indication, or the package's own problem. */
  readonly code: ErrorCode | null;
  readonly outcome: 'valid' | 'invalid' | 'indeterminate';
  readonly message: Messages;
  readonly detail: string | null;
  readonly signatures: readonly OfdSignatureVerification[];
}

/** More signatures than this in one document is not a real document (and costs time). */
const MAX_SIGNATURES = 64;

function packageResult(code: ErrorCode, detail: string): OfdVerification {
  const indication = indicationOf(code);
  return { ok: false, indication, code, outcome: outcomeOf(indication), message: messageFor(code), detail, signatures: [] };
}

/** Resolves an OFD location: `/x` from the package root, else relative to `base`'s directory. */
export function resolveLoc(base: string, loc: string): string | null {
  const segments = loc.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const seg of loc.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (segments.length === 0) return null;
      segments.pop();
    } else segments.push(seg);
  }
  return segments.length ? segments.join('/') : null;
}

/**
 * A location inside Signature.xml. Producers differ on what a relative one is relative to (the
 * signature's directory, or the package root); both are tried, and a name that means two different
 * existing files is refused: the verifier and a viewer could otherwise each read a different one.
 */
function locate(zip: OfdZip, sigPath: string, loc: string): { path: string | null; problem?: string } {
  const candidates = [...new Set([resolveLoc(sigPath, loc), resolveLoc('', loc)])].filter((p): p is string => p !== null && zip.has(p));
  if (candidates.length > 1) return { path: null, problem: `ambiguous: ${candidates.join(' or ')}` };
  return { path: candidates[0] ?? null };
}

/** Verifies every signature in an OFD package (the file's bytes). */
export async function verifyOfd(bytes: Uint8Array, ctx: SesContext = {}): Promise<OfdVerification> {
  let zip: OfdZip;
  let lists: { path: string; root: XmlElement }[];
  try {
    zip = new OfdZip(bytes, ctx.limits);
    lists = signatureLists(zip);
  } catch (error) {
    if (error instanceof ZipError && error.tooLarge) return packageResult('PAYLOAD_TOO_LARGE', error.message);
    return packageResult('OFD_MALFORMED', (error as Error).message);
  }
  const entries = lists.flatMap(({ path, root }) => childrenNamed(root, 'Signature').map((e) => ({ listPath: path, e })));
  if (entries.length === 0) return packageResult('OFD_NOT_SIGNED', 'no Signature in Signatures.xml');
  if (entries.length > MAX_SIGNATURES) return packageResult('OFD_MALFORMED', `more than ${MAX_SIGNATURES} signatures`);
  const signatures: OfdSignatureVerification[] = [];
  try {
    for (const { listPath, e } of entries) signatures.push(await verifyEntry(zip, listPath, e, ctx));
  } catch (error) {
    // A bomb or a broken entry met while reading a referenced file: the package as a whole is refused.
    if (!(error instanceof ZipError)) throw error;
    return packageResult(error.tooLarge ? 'PAYLOAD_TOO_LARGE' : 'OFD_MALFORMED', error.message);
  }
  const indication = worst(signatures.map((s) => s.indication));
  const code = signatures.find((s) => s.indication === indication)?.code ?? null;
  return { ok: indication === 'PASSED', indication, code, outcome: outcomeOf(indication), message: messageFor(code), detail: null, signatures };
}

function readXml(zip: OfdZip, path: string): XmlElement {
  const bytes = zip.read(path);
  if (!bytes) throw new Error(`${path} is missing`);
  return parseXml(bytes);
}

/** Signatures.xml of each document: as OFD.xml declares them, else found by the usual name. */
function signatureLists(zip: OfdZip): { path: string; root: XmlElement }[] {
  const ofd = readXml(zip, 'OFD.xml');
  if (ofd.name !== 'OFD') throw new Error('OFD.xml has no OFD root element');
  const declared = childrenNamed(ofd, 'DocBody')
    .map((body) => childText(body, 'Signatures'))
    .filter((loc): loc is string => !!loc)
    .map((loc) => resolveLoc('OFD.xml', loc));
  const paths = declared.length ? declared : zip.names.filter((n) => /^Doc_\d+\/Signs\/Signatures\.xml$/.test(n));
  return paths.map((path) => {
    if (!path) throw new Error('bad Signatures location in OFD.xml');
    return { path, root: readXml(zip, path) };
  });
}

interface SignedInfo {
  readonly method?: string;
  readonly dateTime?: string;
  readonly checkMethod?: string;
  readonly references: readonly { readonly file: string; readonly value: string }[];
  readonly sealLoc?: string;
  readonly signedValueLoc?: string;
  readonly stamps: OfdSignatureVerification['stamps'];
}

function signedInfo(root: XmlElement): SignedInfo {
  if (root.name !== 'Signature') throw new Error('root element is not Signature');
  const info = child(root, 'SignedInfo');
  if (!info) throw new Error('no SignedInfo');
  const refs = child(info, 'References');
  const sealLoc = childText(child(info, 'Seal'), 'BaseLoc');
  const method = childText(info, 'SignatureMethod');
  const dateTime = childText(info, 'SignatureDateTime');
  const checkMethod = refs?.attributes.CheckMethod;
  const signedValueLoc = childText(root, 'SignedValue');
  return {
    ...(method && { method }),
    ...(dateTime && { dateTime }),
    ...(checkMethod && { checkMethod }),
    references: childrenNamed(refs, 'Reference').map((r) => ({ file: r.attributes.FileRef ?? '', value: childText(r, 'CheckValue') ?? '' })),
    ...(sealLoc && { sealLoc }),
    ...(signedValueLoc && { signedValueLoc }),
    stamps: childrenNamed(info, 'StampAnnot').map((s) => ({ page: s.attributes.PageRef ?? null, boundary: s.attributes.Boundary ?? null })),
  };
}

/**
 * The Reference digest algorithm. GB/T 33190's default is MD5, which is not accepted; producers that
 * leave CheckMethod out but write 32-byte values use SM3, which is then assumed.
 */
function referenceDigest(method: string | undefined, values: readonly string[]): ((d: Uint8Array) => Promise<Uint8Array>) | null {
  const assumeSm3 = method === undefined && values.length > 0 && values.every((v) => fromBase64(v)?.length === 32);
  const m = (method ?? (assumeSm3 ? 'SM3' : 'MD5')).replace(/[-_\s]/g, '').toLowerCase();
  if (m === 'sm3' || m === OID.sm3) return async (d) => sm3(d);
  if (m === 'sha256' || m === OID.sha256) return sha256;
  return null;
}

function fromBase64(s: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(s.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function checkReferences(zip: OfdZip, sigPath: string, info: SignedInfo, checks: Checks): Promise<void> {
  const digest = referenceDigest(info.checkMethod, info.references.map((r) => r.value));
  if (!digest) {
    checks.fail('references', 'ALG_NOT_ALLOWED', `CheckMethod ${info.checkMethod ?? '(none: MD5)'} is not allowed`);
    return;
  }
  if (info.references.length === 0) {
    checks.fail('references', 'REFERENCE_MISMATCH', 'no Reference: the signature protects no file');
    return;
  }
  const bad: string[] = [];
  const covered = new Set<string>();
  for (const ref of info.references) {
    const { path, problem } = locate(zip, sigPath, ref.file);
    const bytes = path ? zip.read(path) : null;
    const expected = fromBase64(ref.value);
    if (problem) bad.push(`${ref.file} (${problem})`);
    else if (!path || !bytes) bad.push(`${ref.file} (missing)`);
    else if (!expected || !equalBytes(await digest(bytes), expected)) bad.push(`${ref.file} (changed)`);
    if (path) covered.add(path);
  }
  if (bad.length) {
    checks.fail('references', 'REFERENCE_MISMATCH', `${bad.length} of ${info.references.length} files differ from what was signed: ${bad.join(', ')}`);
    return;
  }
  const sigDir = sigPath.slice(0, sigPath.lastIndexOf('/') + 1);
  const uncovered = zip.names.filter((n) => !covered.has(n) && !n.startsWith(sigDir) && !/(^|\/)Signatures\.xml$/.test(n));
  checks.pass('references', `${info.references.length} files match (${info.checkMethod ?? 'SM3, assumed: no CheckMethod'})${uncovered.length ? `; not covered: ${uncovered.join(', ')}` : ''}`);
}

async function verifyEntry(zip: OfdZip, listPath: string, e: XmlElement, ctx: SesContext): Promise<OfdSignatureVerification> {
  const id = e.attributes.ID ?? '';
  const type = (e.attributes.Type ?? 'Seal').toLowerCase() === 'sign' ? 'sign' : 'seal';
  const path = resolveLoc(listPath, e.attributes.BaseLoc ?? '') ?? '';
  const checks = new Checks();
  const out = (r: SesVerification, stamps: SignedInfo['stamps'] = []): OfdSignatureVerification => ({ id, type, path, stamps, ...r });

  const xml = path ? zip.read(path) : null;
  let info: SignedInfo;
  try {
    if (!xml) throw new Error(`${e.attributes.BaseLoc ?? '(no BaseLoc)'} is missing`);
    info = signedInfo(parseXml(xml));
  } catch (error) {
    checks.fail('signature-xml', 'OFD_MALFORMED', (error as Error).message);
    return out(finish(checks, { version: null }));
  }
  checks.pass('signature-xml', path);
  await checkReferences(zip, path, info, checks);

  const valuePath = info.signedValueLoc ? locate(zip, path, info.signedValueLoc).path : null;
  const value = valuePath ? zip.read(valuePath) : null;
  if (!value) {
    checks.fail('structure', 'OFD_MALFORMED', `SignedValue ${info.signedValueLoc ?? '(none)'} is missing`);
    return out(finish(checks, { version: null }), info.stamps);
  }
  let sig: SesSignature | null = null;
  let parseError = '';
  try {
    sig = parseSignature(value);
  } catch (error) {
    parseError = (error as Error).message;
  }
  if (!sig) {
    if (type === 'sign') return out(await bareSignature(value, xml!, info, checks, ctx), info.stamps);
    checks.fail('structure', 'OFD_MALFORMED', `SignedValue is not an SES_Signature: ${parseError}`);
    return out(finish(checks, { version: null }), info.stamps);
  }
  checkSealFile(zip, path, info, sig, checks);
  const partial = await checkSignature(sig, checks, ctx, { data: xml!, ...(info.method && { method: info.method }), ...(info.dateTime && { dateTime: info.dateTime }) });
  return out(finish(checks, partial), info.stamps);
}

/** The Seal.esl stored beside the signature must be the very seal inside it. */
function checkSealFile(zip: OfdZip, sigPath: string, info: SignedInfo, sig: SesSignature, checks: Checks): void {
  if (!info.sealLoc) {
    checks.pass('seal-file', 'no separate seal file: the seal inside the signature is the one checked');
    return;
  }
  const sealPath = locate(zip, sigPath, info.sealLoc).path;
  const stored = sealPath ? zip.read(sealPath) : null;
  if (!stored) checks.fail('seal-file', 'SEAL_MISMATCH', `${info.sealLoc} is missing`);
  else checks.check('seal-file', equalBytes(stored, sig.seal.raw), 'SEAL_MISMATCH', `${info.sealLoc} ${equalBytes(stored, sig.seal.raw) ? 'is' : 'is not'} the seal inside the signature`);
}

/**
 * Type="Sign" with a bare signature value (a DER SM2 signature over Signature.xml, as ofdrw writes
 * it): without a certificate nothing says who signed; certificates supplied by the caller are tried.
 */
async function bareSignature(value: Uint8Array, xml: Uint8Array, info: SignedInfo, checks: Checks, ctx: SesContext): Promise<SesVerification> {
  if (!sm2RawSignature(value)) {
    checks.fail('structure', 'SIGNATURE_UNSUPPORTED', 'SignedValue is neither SES nor a bare SM2 signature (PKCS#7/CMS signatures are not supported)');
    return finish(checks, { version: null });
  }
  checks.pass('structure', 'bare SM2 signature value, no certificate');
  const alg = info.method ?? OID.sm2WithSm3;
  checkAlgorithms(checks, [alg]);
  const candidates = (ctx.signerCertificates ?? []).map((der) => parseCertificate(der)).filter((c) => c !== null);
  for (const cert of candidates) {
    if (await verifyWithCertificate(cert, alg, xml, value)) {
      checks.pass('signature', `verifies with the supplied certificate ${cert.subject} #${cert.serial}`);
      // A supplied certificate is a candidate, not a trust anchor: it must chain to a trust-list seal
      // root like any other (no signing time is signed here, so validity is judged now).
      const warnings: Warning[] = [];
      await checkChains(checks, [cert], ctx, ctx.now ?? Math.floor(Date.now() / 1000), warnings);
      return finish(checks, { version: null, signer: cert, signatureVerified: true, warnings });
    }
  }
  checks.fail('signature', 'SIGNER_CERT_MISSING', candidates.length ? `none of the ${candidates.length} supplied certificates verifies it` : 'the signature carries no certificate; supply the signer\'s certificate to check it');
  return finish(checks, { version: null });
}
