/**
 * SES structures: SESeal and SES_Signature of GM/T 0031-2014 ("v1") and GB/T 38540-2020 ("v4"),
 * told apart by their shape (the header's version number is reported, not trusted for parsing).
 * Every signed part keeps its stored bytes: the signatures are checked over those, never a re-encoding.
 */
import { bits, derSequence, DerError, ia5, integer, isContext, isUniversal, octets, oid, parseDer, parseTimeText, sequence, TAG, text, time, type Der } from './der.js';

export type SesVersion = 1 | 4;

export interface SesCertDigest {
  /** The digest algorithm as written (e.g. "SM3"), and normalised: 'sm3' | 'sha256' | null. */
  readonly algorithmName: string;
  readonly algorithm: 'sm3' | 'sha256' | null;
  readonly value: Uint8Array;
}

export interface SesPropertyInfo {
  readonly type: number;
  readonly name: string;
  /** 1: certificates; 2: certificate digests (v4 only). */
  readonly certListType: 1 | 2;
  readonly certs: readonly Uint8Array[];
  readonly certDigests: readonly SesCertDigest[];
  readonly createDate: number;
  readonly validStart: number;
  readonly validEnd: number;
}

export interface SesPictureData {
  /** As written: "PNG", "JPG", "GIF", "BMP", "SVG", "OFD"… */
  readonly type: string;
  readonly data: Uint8Array;
  /** Displayed size in millimetres. */
  readonly widthMm: number;
  readonly heightMm: number;
}

export interface SesSeal {
  readonly version: SesVersion;
  /** The whole SESeal as stored. */
  readonly raw: Uint8Array;
  readonly header: { readonly id: string; readonly version: number; readonly vendorId: string };
  readonly esId: string;
  readonly property: SesPropertyInfo;
  readonly picture: SesPictureData;
  /** The seal maker's certificate (DER) and signature. */
  readonly makerCert: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /**
   * What the maker may have signed, the standard's form first: v4 DER(SES_SealInfo); v1
   * DER(SEQUENCE { SES_SealInfo, cert, signatureAlgorithm }). Producers differ, so both are tried.
   */
  readonly signedForms: readonly { readonly name: string; readonly data: Uint8Array }[];
}

export interface SesSignature {
  readonly version: SesVersion;
  readonly raw: Uint8Array;
  /** TBS_Sign as stored: what the signer's signature covers. */
  readonly tbs: Uint8Array;
  readonly tbsVersion: number;
  readonly seal: SesSeal;
  /** Signing time claimed in TBS_Sign (unix s). */
  readonly signingTime: number;
  readonly dataHash: Uint8Array;
  readonly propertyInfo: string;
  readonly signerCert: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /** v4 may carry an RFC 3161 time-stamp token; it is reported, not verified. */
  readonly hasTimestamp: boolean;
}

export { DerError as SesFormatError };

/** SESeal and SES_Signature above this size are not seals (a picture is tens of KB). */
export const MAX_SES_SIZE = 8 * 1024 * 1024;

function parseTop(bytes: Uint8Array, what: string): Der {
  if (bytes.length > MAX_SES_SIZE) throw new DerError(`${what} too large`);
  return parseDer(bytes);
}

export function parseSeal(bytes: Uint8Array): SesSeal {
  return sealFrom(parseTop(bytes, 'SESeal'));
}

function sealFrom(node: Der): SesSeal {
  const parts = sequence(node, 'SESeal');
  const info = sealInfo(parts[0]);
  if (parts.length === 4 && isUniversal(parts[1], TAG.OCTET_STRING)) {
    const [, cert, alg, sig] = parts as [Der, Der, Der, Der];
    return {
      version: 4,
      raw: node.raw,
      ...info,
      makerCert: octets(cert, 'SESeal.cert'),
      signatureAlgorithm: oid(alg, 'SESeal.signAlgID'),
      signature: bits(sig, 'SESeal.signedValue'),
      signedForms: [
        { name: 'SES_SealInfo', data: parts[0]!.raw },
        { name: 'SEQUENCE { SES_SealInfo, cert, signAlgID }', data: derSequence([parts[0]!.raw, cert.raw, alg.raw]) },
      ],
    };
  }
  if (parts.length === 2) {
    const signInfo = sequence(parts[1], 'SES_SignInfo');
    if (signInfo.length !== 3) throw new DerError('SES_SignInfo: expected cert, algorithm, signature');
    const [cert, alg, sig] = signInfo as [Der, Der, Der];
    return {
      version: 1,
      raw: node.raw,
      ...info,
      makerCert: octets(cert, 'SES_SignInfo.cert'),
      signatureAlgorithm: oid(alg, 'SES_SignInfo.signatureAlgorithm'),
      signature: bits(sig, 'SES_SignInfo.signData'),
      signedForms: [
        { name: 'SEQUENCE { SES_SealInfo, cert, signatureAlgorithm }', data: derSequence([parts[0]!.raw, cert.raw, alg.raw]) },
        { name: 'SES_SealInfo', data: parts[0]!.raw },
      ],
    };
  }
  throw new DerError('SESeal: neither the v1 nor the v4 shape');
}

function sealInfo(node: Der | undefined): Pick<SesSeal, 'header' | 'esId' | 'property' | 'picture'> {
  const parts = sequence(node, 'SES_SealInfo');
  if (parts.length < 4 || parts.length > 5) throw new DerError('SES_SealInfo: expected header, esID, property, picture');
  const header = sequence(parts[0], 'SES_Header');
  if (header.length !== 3) throw new DerError('SES_Header: expected ID, version, Vid');
  const id = ia5(header[0], 'SES_Header.ID');
  if (id !== 'ES') throw new DerError(`SES_Header.ID is "${id}", not "ES"`);
  return {
    header: { id, version: integer(header[1], 'SES_Header.version'), vendorId: ia5(header[2], 'SES_Header.Vid') },
    esId: ia5(parts[1], 'esID'),
    property: propertyInfo(parts[2]),
    picture: picture(parts[3]),
  };
}

function propertyInfo(node: Der | undefined): SesPropertyInfo {
  const p = sequence(node, 'SES_ESPropertyInfo');
  const type = integer(p[0], 'property.type');
  const name = text(p[1], 'property.name');
  // v4 puts certListType (INTEGER) before the list; v1 has the list of certificates there.
  if (isUniversal(p[2], TAG.INTEGER)) {
    if (p.length !== 7) throw new DerError('SES_ESPropertyInfo (v4): expected 7 elements');
    const certListType = integer(p[2], 'property.certListType');
    const list = sequence(p[3], 'property.certList');
    const dates = { createDate: time(p[4], 'createDate'), validStart: time(p[5], 'validStart'), validEnd: time(p[6], 'validEnd') };
    if (certListType === 1) return { type, name, certListType, certs: list.map(certEntry), certDigests: [], ...dates };
    if (certListType === 2) return { type, name, certListType, certs: [], certDigests: list.map(certDigest), ...dates };
    throw new DerError(`property.certListType ${certListType} is neither 1 nor 2`);
  }
  if (p.length !== 6) throw new DerError('SES_ESPropertyInfo (v1): expected 6 elements');
  const certs = sequence(p[2], 'property.certList').map(certEntry);
  return { type, name, certListType: 1, certs, certDigests: [], createDate: time(p[3], 'createDate'), validStart: time(p[4], 'validStart'), validEnd: time(p[5], 'validEnd') };
}

/** A certList entry: an OCTET STRING holding the certificate, or (some producers) the certificate itself. */
const certEntry = (c: Der): Uint8Array => (isUniversal(c, TAG.SEQUENCE) ? c.raw : octets(c, 'certList entry'));

function certDigest(node: Der): SesCertDigest {
  const d = sequence(node, 'CertDigestObj');
  if (d.length !== 2) throw new DerError('CertDigestObj: expected type, value');
  const algorithmName = isUniversal(d[0], TAG.OID) ? oid(d[0], 'CertDigestObj.type') : text(d[0], 'CertDigestObj.type');
  const key = algorithmName.replace(/[-_\s]/g, '').toLowerCase();
  const algorithm = key === 'sm3' || algorithmName === '1.2.156.10197.1.401' ? 'sm3' : key === 'sha256' || algorithmName === '2.16.840.1.101.3.4.2.1' ? 'sha256' : null;
  return { algorithmName, algorithm, value: octets(d[1], 'CertDigestObj.value') };
}

function picture(node: Der | undefined): SesPictureData {
  const p = sequence(node, 'SES_ESPictrueInfo');
  if (p.length !== 4) throw new DerError('SES_ESPictrueInfo: expected type, data, width, height');
  return { type: ia5(p[0], 'picture.type'), data: octets(p[1], 'picture.data'), widthMm: integer(p[2], 'picture.width'), heightMm: integer(p[3], 'picture.height') };
}

export function parseSignature(bytes: Uint8Array): SesSignature {
  const node = parseTop(bytes, 'SES_Signature');
  const parts = sequence(node, 'SES_Signature');
  if (parts.length >= 4 && parts.length <= 5 && isUniversal(parts[1], TAG.OCTET_STRING)) {
    if (parts.length === 5 && !isContext(parts[4], 0)) throw new DerError('SES_Signature: unexpected element after the signature');
    const tbs = sequence(parts[0], 'TBS_Sign');
    if (tbs.length < 5 || tbs.length > 6 || (tbs.length === 6 && !isContext(tbs[5], 0))) throw new DerError('TBS_Sign (v4): expected version, eseal, timeInfo, dataHash, propertyInfo');
    return {
      version: 4,
      raw: node.raw,
      tbs: parts[0]!.raw,
      tbsVersion: integer(tbs[0], 'TBS_Sign.version'),
      seal: sealFrom(tbs[1]!),
      signingTime: time(tbs[2], 'TBS_Sign.timeInfo'),
      dataHash: bits(tbs[3], 'TBS_Sign.dataHash'),
      propertyInfo: ia5(tbs[4], 'TBS_Sign.propertyInfo'),
      signerCert: octets(parts[1], 'SES_Signature.cert'),
      signatureAlgorithm: oid(parts[2], 'SES_Signature.signatureAlgID'),
      signature: bits(parts[3], 'SES_Signature.signature'),
      hasTimestamp: parts.length === 5,
    };
  }
  if (parts.length === 2) {
    const tbs = sequence(parts[0], 'TBS_Sign');
    if (tbs.length !== 7) throw new DerError('TBS_Sign (v1): expected 7 elements');
    return {
      version: 1,
      raw: node.raw,
      tbs: parts[0]!.raw,
      tbsVersion: integer(tbs[0], 'TBS_Sign.version'),
      seal: sealFrom(tbs[1]!),
      signingTime: v1Time(tbs[2]),
      dataHash: bits(tbs[3], 'TBS_Sign.dataHash'),
      propertyInfo: ia5(tbs[4], 'TBS_Sign.propertyInfo'),
      signerCert: octets(tbs[5], 'TBS_Sign.cert'),
      signatureAlgorithm: oid(tbs[6], 'TBS_Sign.signatureAlgorithm'),
      signature: bits(parts[1], 'SES_Signature.signature'),
      hasTimestamp: false,
    };
  }
  throw new DerError('SES_Signature: neither the v1 nor the v4 shape');
}

/** v1 timeInfo is a BIT STRING (sometimes an OCTET STRING, or a plain time) holding a time. */
function v1Time(node: Der | undefined): number {
  if (isUniversal(node, TAG.UTC_TIME) || isUniversal(node, TAG.GENERALIZED_TIME)) return time(node, 'timeInfo');
  const content = bits(node, 'TBS_Sign.timeInfo');
  if (content[0] === TAG.UTC_TIME || content[0] === TAG.GENERALIZED_TIME) {
    try {
      return time(parseDer(content), 'timeInfo');
    } catch {
      /* not a time TLV: try it as text below */
    }
  }
  const s = Array.from(content, (b) => String.fromCharCode(b)).join('').trim();
  const t = parseTimeText(s) ?? parseTimeText(s, true);
  if (t === null) throw new DerError('TBS_Sign.timeInfo: no readable time');
  return t;
}

/** A SignedValue that is SES at all (as opposed to a bare signature or CMS), without throwing. */
export function looksLikeSes(bytes: Uint8Array): boolean {
  try {
    parseSignature(bytes);
    return true;
  } catch {
    return false;
  }
}
