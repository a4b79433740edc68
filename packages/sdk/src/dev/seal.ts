/**
 * TEST-ONLY seal PKI: a root and issuing CA, seal certificates naming an entity by
 * organizationIdentifier NTRCN-<USCC>, CRLs, and `yzseal+jws` signatures over documents.
 * Certificate *generation* uses @peculiar/x509 (which needs reflect-metadata); verification in the
 * SDK core uses only its ASN.1 layer, so production bundles carry no global polyfill.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { exportJWK, importJWK, type JWK } from 'jose';
import { decodeBase64, encodeBase64, encodeBase64url } from '../jose/base64url.js';
import type { Alg } from '../jose/jws.js';
import { sha256Document, type DocumentInput } from '../seal/digest.js';
import type { SealKind } from '../seal/seal.js';
import { signCompact } from './sign.js';
import type { DevPrivateJwk } from './keys.js';

/** A certificate with its private key (TEST ONLY). */
export interface DevCert {
  /** base64 DER, as x5c and trust lists carry it. */
  certificate: string;
  key: JWK & { alg: Alg };
}

const DAY = 86_400;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const toDate = (unix: number) => new Date(unix * 1000);

async function keyPair(alg: Alg): Promise<CryptoKeyPair> {
  const params = alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  return (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function devCert(cert: x509.X509Certificate, privateKey: CryptoKey, alg: Alg): Promise<DevCert> {
  return { certificate: encodeBase64(new Uint8Array(cert.rawData)), key: { ...(await exportJWK(privateKey)), alg } };
}

async function signingKeyOf(cert: DevCert): Promise<CryptoKey> {
  return (await importJWK(cert.key, cert.key.alg === 'EdDSA' ? 'Ed25519' : 'ES256')) as CryptoKey;
}

function serial(): string {
  return `5A${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

export interface SealCaOptions {
  now?: number;
  years?: number;
  name?: string;
}

/** A root CA and an issuing CA below it (ECDSA P-256). */
export async function createSealCa(o: SealCaOptions = {}): Promise<{ root: DevCert; issuing: DevCert }> {
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const notAfter = toDate(now + (o.years ?? 12) * 365 * DAY);
  const org = o.name ?? 'Yizhao Demo (TEST ONLY)';
  const caExtensions = () => [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)];
  const rootKeys = await keyPair('ES256');
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: ['Yizhao Demo Seal Root CA'] }, { O: [org] }],
    notBefore: toDate(now - DAY),
    notAfter,
    keys: rootKeys,
    signingAlgorithm: ECDSA,
    extensions: caExtensions(),
  });
  const issuingKeys = await keyPair('ES256');
  const issuing = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: [{ CN: ['Yizhao Demo Seal Issuing CA'] }, { O: [org] }],
    issuer: root.subject,
    notBefore: toDate(now - DAY),
    notAfter,
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ECDSA,
    extensions: caExtensions(),
  });
  return { root: await devCert(root, rootKeys.privateKey, 'ES256'), issuing: await devCert(issuing, issuingKeys.privateKey, 'ES256') };
}

export interface SealCertOptions {
  uscc: string;
  /** The entity's name (O). */
  name: string;
  /** The seal's own name (CN), e.g. 某某有限公司公章. */
  sealName?: string;
  alg?: Alg;
  now?: number;
  notBefore?: number;
  notAfter?: number;
  serialNumber?: string;
  /** Default: digitalSignature + nonRepudiation. */
  keyUsage?: number;
  /** Mark the certificate as a CA (to build broken chains in tests). */
  ca?: boolean;
  /** Override the organizationIdentifier value (tests of SUBJECT_MISMATCH). */
  organizationIdentifier?: string;
}

/** A seal certificate issued by `issuer`. */
export async function createSealCert(issuer: DevCert, o: SealCertOptions): Promise<DevCert> {
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const alg = o.alg ?? 'ES256';
  const keys = await keyPair(alg);
  const issuerCert = new x509.X509Certificate(decodeBase64(issuer.certificate) as Uint8Array<ArrayBuffer>);
  const extensions: x509.Extension[] = [new x509.KeyUsagesExtension(o.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)];
  if (o.ca) extensions.push(new x509.BasicConstraintsExtension(true, undefined, true));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: o.serialNumber ?? serial(),
    subject: [{ CN: [o.sealName ?? `${o.name}公章`] }, { O: [o.name] }, { '2.5.4.97': [o.organizationIdentifier ?? `NTRCN-${o.uscc}`] }],
    issuer: issuerCert.subject,
    notBefore: toDate(o.notBefore ?? now - DAY),
    notAfter: toDate(o.notAfter ?? now + 2 * 365 * DAY),
    publicKey: keys.publicKey,
    signingKey: await signingKeyOf(issuer),
    signingAlgorithm: ECDSA,
    extensions,
  });
  return devCert(cert, keys.privateKey, alg);
}

export interface SealSignOptions {
  uscc: string;
  kind: SealKind;
  sealName: string;
  documentName?: string;
  imageDigest?: string;
  /** Claimed signing time (default now). */
  sigT?: number;
  /** Certificates after the seal certificate in x5c (intermediates, any order). */
  chain?: readonly DevCert[];
}

/** A `yzseal+jws` over the document's exact bytes, signed with the seal certificate's key. */
export async function signSeal(document: DocumentInput, cert: DevCert, o: SealSignOptions): Promise<string> {
  const payload = {
    dig: encodeBase64url(await sha256Document(document)),
    sigT: o.sigT ?? Math.floor(Date.now() / 1000),
    sub: o.uscc,
    seal: { k: o.kind, n: o.sealName, ...(o.imageDigest !== undefined && { img: o.imageDigest }) },
    ...(o.documentName !== undefined && { dn: o.documentName }),
  };
  const x5c = [cert.certificate, ...(o.chain ?? []).map((c) => c.certificate)];
  const key = { ...cert.key, kid: 'seal' } as DevPrivateJwk;
  return signCompact({ typ: 'yzseal+jws', kid: undefined, x5c }, new TextEncoder().encode(JSON.stringify(payload)), key);
}

export interface CrlOptions {
  revoked: readonly { serial: string; date?: number }[];
  thisUpdate?: number;
  /** Default: thisUpdate + 7 days. */
  nextUpdate?: number;
}

/** A CRL (DER) signed by `issuer`. */
export async function createCrl(issuer: DevCert, o: CrlOptions): Promise<Uint8Array> {
  const thisUpdate = o.thisUpdate ?? Math.floor(Date.now() / 1000);
  const issuerCert = new x509.X509Certificate(decodeBase64(issuer.certificate) as Uint8Array<ArrayBuffer>);
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuerCert.subject,
    thisUpdate: toDate(thisUpdate),
    nextUpdate: toDate(o.nextUpdate ?? thisUpdate + 7 * DAY),
    entries: o.revoked.map((r) => ({ serialNumber: r.serial, revocationDate: toDate(r.date ?? thisUpdate - DAY), reason: x509.X509CrlReason.keyCompromise })),
    signingAlgorithm: ECDSA,
    signingKey: await signingKeyOf(issuer),
  });
  return new Uint8Array(crl.rawData);
}
