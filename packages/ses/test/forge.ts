/**
 * TEST ONLY: an SM2 PKI, SES structures (v1 and v4) and OFD packages built from scratch, so that
 * the verifier can be driven to PASSED (the shared samples have no root) and to each failure.
 */
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
import { zipSync, unzipSync } from 'fflate';
import { sm2, sm3 } from 'sm-crypto-v2';

export const SM2_SM3 = '1.2.156.10197.1.501';
const USER_ID = '1234567812345678';

export const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
export const sm3Bytes = (d: Uint8Array) => fromHex(sm3(d));
export const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');

export interface Sm2Key {
  readonly privateKey: string;
  readonly publicKey: string;
}

export function sm2Key(): Sm2Key {
  const k = sm2.generateKeyPairHex();
  return { privateKey: k.privateKey, publicKey: k.publicKey };
}

/** DER SEQUENCE { r, s } over SM3(Z‖M), the default user id. */
export function sm2Sign(key: Sm2Key, data: Uint8Array): Uint8Array {
  return fromHex(sm2.doSignature(data, key.privateKey, { der: true, hash: true, publicKey: key.publicKey, userId: USER_ID }));
}

// ---- DER building blocks (definite lengths, as producers write them) ----
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const len = content.length;
  const head = len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : len < 0x10000 ? [0x82, len >> 8, len & 0xff] : [0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  const out = new Uint8Array(1 + head.length + len);
  out[0] = tag;
  out.set(head, 1);
  out.set(content, 1 + head.length);
  return out;
}
const concat = (parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};
const ascii = (s: string) => new TextEncoder().encode(s);
export const seq = (...parts: Uint8Array[]) => tlv(0x30, concat(parts));
export const int = (n: number) => tlv(0x02, n < 0x80 ? Uint8Array.of(n) : Uint8Array.of(0, n));
export const ia5 = (s: string) => tlv(0x16, ascii(s));
export const utf8 = (s: string) => tlv(0x0c, ascii(s));
export const octet = (d: Uint8Array) => tlv(0x04, d);
export const bitString = (d: Uint8Array) => tlv(0x03, concat([Uint8Array.of(0), d]));
export function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const enc = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) enc.unshift((v & 0x7f) | 0x80);
    bytes.push(...enc);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}
const stamp = (unix: number) => new Date(unix * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
export const generalizedTime = (unix: number) => tlv(0x18, ascii(`${stamp(unix)}Z`));
export const utcTime = (unix: number) => tlv(0x17, ascii(`${stamp(unix).slice(2)}Z`));

// ---- certificates and CRLs signed with SM2 ----
export interface TestCert {
  readonly der: Uint8Array;
  readonly key: Sm2Key;
  readonly subject: x509.Name;
  readonly serial: number;
}

const nameOf = (attrs: readonly [string, string][]) =>
  new x509.Name(attrs.map(([type, value]) => new x509.RelativeDistinguishedName([new x509.AttributeTypeAndValue({ type, value: new x509.AttributeValue({ utf8String: value }) })])));

const SM2_SPKI_PARAMS = fromHex('06082a811ccf5501822d');
let serials = 100;

export interface CertOptions {
  readonly cn: string;
  readonly issuer?: TestCert;
  readonly ca?: boolean;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Extra subject attributes, e.g. [['2.5.4.97', 'NTRCN-…']]. */
  readonly extra?: readonly [string, string][];
  readonly keyUsage?: number;
}

export function issueCert(o: CertOptions): TestCert {
  const key = sm2Key();
  const serial = serials++;
  const subject = nameOf([['2.5.4.6', 'CN'], ...(o.extra ?? []), ['2.5.4.3', o.cn]]);
  const usage = o.keyUsage ?? (o.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  const tbs = new x509.TBSCertificate({
    version: x509.Version.v3,
    serialNumber: Uint8Array.of(serial).buffer,
    signature: new x509.AlgorithmIdentifier({ algorithm: SM2_SM3 }),
    issuer: o.issuer?.subject ?? subject,
    validity: new x509.Validity({ notBefore: new Date(o.notBefore * 1000), notAfter: new Date(o.notAfter * 1000) }),
    subject,
    subjectPublicKeyInfo: new x509.SubjectPublicKeyInfo({
      algorithm: new x509.AlgorithmIdentifier({ algorithm: '1.2.840.10045.2.1', parameters: SM2_SPKI_PARAMS.buffer as ArrayBuffer }),
      subjectPublicKey: fromHex(key.publicKey).buffer as ArrayBuffer,
    }),
    extensions: new x509.Extensions([
      new x509.Extension({ extnID: x509.id_ce_basicConstraints, critical: true, extnValue: new OctetString(AsnConvert.serialize(new x509.BasicConstraints({ cA: o.ca ?? false }))) }),
      new x509.Extension({ extnID: x509.id_ce_keyUsage, critical: true, extnValue: new OctetString(AsnConvert.serialize(new x509.KeyUsage(usage))) }),
    ]),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signer = o.issuer?.key ?? key;
  const cert = new x509.Certificate({ tbsCertificate: tbs, signatureAlgorithm: new x509.AlgorithmIdentifier({ algorithm: SM2_SM3 }), signatureValue: sm2Sign(signer, tbsDer).buffer as ArrayBuffer });
  return { der: new Uint8Array(AsnConvert.serialize(cert)), key, subject, serial };
}

export function issueCrl(issuer: TestCert, revoked: readonly TestCert[], thisUpdate: number, nextUpdate: number): Uint8Array {
  const tbs = new x509.TBSCertList({
    version: x509.Version.v2,
    signature: new x509.AlgorithmIdentifier({ algorithm: SM2_SM3 }),
    issuer: issuer.subject,
    thisUpdate: new x509.Time(new Date(thisUpdate * 1000)),
    nextUpdate: new x509.Time(new Date(nextUpdate * 1000)),
    ...(revoked.length && { revokedCertificates: revoked.map((c) => new x509.RevokedCertificate({ userCertificate: Uint8Array.of(c.serial).buffer, revocationDate: new x509.Time(new Date(thisUpdate * 1000)) })) }),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  return new Uint8Array(AsnConvert.serialize(new x509.CertificateList({ tbsCertList: tbs, signatureAlgorithm: new x509.AlgorithmIdentifier({ algorithm: SM2_SM3 }), signature: sm2Sign(issuer.key, tbsDer).buffer as ArrayBuffer })));
}

// ---- SES structures ----
export interface SealOptions {
  readonly version: 1 | 4;
  readonly maker: TestCert;
  /** Certificates the seal is issued to (certList). */
  readonly holders: readonly TestCert[];
  /** v4 only: list SM3 digests of the holders' certificates instead (certListType 2). */
  readonly digests?: boolean;
  readonly validStart: number;
  readonly validEnd: number;
  readonly picture: Uint8Array;
  readonly name?: string;
}

export function buildSeal(o: SealOptions): Uint8Array {
  const time = o.version === 4 ? generalizedTime : utcTime;
  const header = seq(ia5('ES'), int(o.version), ia5('YZTEST'));
  const list = o.digests ? seq(...o.holders.map((h) => seq(tlv(0x13, ascii('SM3')), octet(sm3Bytes(h.der))))) : seq(...o.holders.map((h) => octet(h.der)));
  const property =
    o.version === 4
      ? seq(int(1), utf8(o.name ?? '测试专用章'), int(o.digests ? 2 : 1), list, time(o.validStart), time(o.validStart), time(o.validEnd))
      : seq(int(1), utf8(o.name ?? '测试专用章'), list, time(o.validStart), time(o.validStart), time(o.validEnd));
  const info = seq(header, ia5('500111TEST0001'), property, seq(ia5('PNG'), octet(o.picture), int(40), int(40)));
  const [cert, alg] = [octet(o.maker.der), oid(SM2_SM3)];
  if (o.version === 4) return seq(info, cert, alg, bitString(sm2Sign(o.maker.key, info)));
  return seq(info, seq(cert, alg, bitString(sm2Sign(o.maker.key, seq(info, cert, alg)))));
}

export interface SignatureOptions {
  readonly version: 1 | 4;
  readonly seal: Uint8Array;
  readonly signer: TestCert;
  readonly time: number;
  /** The bytes dataHash covers (Signature.xml). */
  readonly data: Uint8Array;
  readonly propertyInfo?: string;
}

export function buildSignature(o: SignatureOptions): Uint8Array {
  const hash = bitString(sm3Bytes(o.data));
  const prop = ia5(o.propertyInfo ?? '/Doc_0/Signs/Sign_0/Signature.xml');
  if (o.version === 4) {
    const tbs = seq(int(4), o.seal, generalizedTime(o.time), hash, prop);
    return seq(tbs, octet(o.signer.der), oid(SM2_SM3), bitString(sm2Sign(o.signer.key, tbs)));
  }
  const tbs = seq(int(1), o.seal, bitString(utcTime(o.time)), hash, prop, octet(o.signer.der), oid(SM2_SM3));
  return seq(tbs, bitString(sm2Sign(o.signer.key, tbs)));
}

// ---- OFD packages ----
const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';
export const xmlBytes = (s: string) => ascii(`<?xml version="1.0" encoding="UTF-8"?>\n${s}`);

export function baseDocument(): Record<string, Uint8Array> {
  return {
    'OFD.xml': xmlBytes(`<ofd:OFD ${NS} DocType="OFD" Version="1.1"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>`),
    'Doc_0/Document.xml': xmlBytes(`<ofd:Document ${NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`),
    'Doc_0/Pages/Page_0/Content.xml': xmlBytes(`<ofd:Page ${NS}><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="10 10 100 10"><ofd:TextCode X="0" Y="5">申请书 第一页</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`),
  };
}

export interface SealedOptions {
  readonly files?: Record<string, Uint8Array>;
  /** Builds SignedValue.dat from the final Signature.xml bytes. */
  readonly sign: (signatureXml: Uint8Array) => Uint8Array;
  /** The Seal.esl stored beside the signature (omitted when undefined). */
  readonly sealFile?: Uint8Array;
  readonly type?: 'Seal' | 'Sign';
}

/** An OFD with one signature over every document file, laid out as ofdrw and others do. */
export function sealedOfd(o: SealedOptions): Uint8Array {
  const files = { ...(o.files ?? baseDocument()) };
  const dir = 'Doc_0/Signs/Sign_0/';
  if (o.sealFile) files[`${dir}Seal.esl`] = o.sealFile;
  const refs = Object.entries(files)
    .map(([name, bytes]) => `<ofd:Reference FileRef="/${name}"><ofd:CheckValue>${b64(sm3Bytes(bytes))}</ofd:CheckValue></ofd:Reference>`)
    .join('');
  const sealRef = o.sealFile ? `<ofd:Seal><ofd:BaseLoc>/${dir}Seal.esl</ofd:BaseLoc></ofd:Seal>` : '';
  const signatureXml = xmlBytes(
    `<ofd:Signature ${NS}><ofd:SignedInfo><ofd:Provider ProviderName="yizhao-test"/><ofd:SignatureMethod>${SM2_SM3}</ofd:SignatureMethod><ofd:SignatureDateTime>2025-06-01 10:00:00</ofd:SignatureDateTime>${sealRef}<ofd:References CheckMethod="SM3">${refs}</ofd:References><ofd:StampAnnot ID="9" PageRef="1" Boundary="50 50 40 40"/></ofd:SignedInfo><ofd:SignedValue>/${dir}SignedValue.dat</ofd:SignedValue></ofd:Signature>`,
  );
  files['Doc_0/Signs/Signatures.xml'] = xmlBytes(`<ofd:Signatures ${NS}><ofd:MaxSignId>9</ofd:MaxSignId><ofd:Signature ID="1" Type="${o.type ?? 'Seal'}" BaseLoc="/${dir}Signature.xml"/></ofd:Signatures>`);
  files[`${dir}Signature.xml`] = signatureXml;
  files[`${dir}SignedValue.dat`] = o.sign(signatureXml);
  return zipSync(files);
}

/** Unzips, lets `edit` change entries, zips again (a tampered copy). */
export function rezip(ofd: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(ofd);
  edit(files);
  return zipSync(files);
}

/** Flips one byte of `data` at `at` (negative counts from the end). */
export function flip(data: Uint8Array, at: number): Uint8Array {
  const copy = data.slice();
  const i = at < 0 ? copy.length + at : at;
  copy[i] = copy[i]! ^ 0x01;
  return copy;
}
