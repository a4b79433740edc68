/**
 * X.509 certificates and CRLs for seal verification: parsing with @peculiar/asn1-x509 (the ASN.1
 * layer of PeculiarVentures' stack, no global polyfills) and signature checks with WebCrypto.
 * Only what spec §5 needs: names, validity, basicConstraints, keyUsage, organizationIdentifier.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, Certificate, CertificateList, id_ce_basicConstraints, id_ce_keyUsage, KeyUsage, type Name } from '@peculiar/asn1-x509';
import { ECDSASigValue } from '@peculiar/asn1-ecc';
import { importRawEd25519, type VerifyKey } from '../jose/keys.js';
import type { Alg } from '../jose/jws.js';

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  ed25519: '1.3.101.112',
  rsa: '1.2.840.113549.1.1.1',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  rsaSha256: '1.2.840.113549.1.1.11',
  organizationIdentifier: '2.5.4.97',
  organizationName: '2.5.4.10',
  commonName: '2.5.4.3',
} as const;

export interface ParsedCertificate {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly serial: string; // upper-case hex, as CRLs and people quote it
  readonly subject: string;
  readonly issuer: string;
  /** DER of the names, hex: issuer/subject matching is by exact name. */
  readonly subjectKey: string;
  readonly issuerKey: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly isCA: boolean;
  readonly digitalSignature: boolean;
  readonly organizationIdentifier: string | null;
  readonly organizationName: string | null;
  readonly commonName: string | null;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  readonly cert: Certificate;
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();

/** Serial numbers without DER's sign-padding zero byte. */
function serialHex(bytes: ArrayBuffer): string {
  const s = hex(bytes).replace(/^(00)+(?=..)/, '');
  return s === '' ? '00' : s;
}

function attribute(name: Name, oid: string): string | null {
  for (const rdn of name) for (const atv of rdn) if (atv.type === oid) return atv.value.toString();
  return null;
}

const SHORT: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.8': 'ST', '2.5.4.7': 'L', '2.5.4.97': 'organizationIdentifier', '2.5.4.5': 'serialNumber' };
export function nameText(name: Name): string {
  return name.map((rdn) => rdn.map((atv) => `${SHORT[atv.type] ?? atv.type}=${atv.value.toString()}`).join('+')).join(', ');
}

export function parseCertificate(der: Uint8Array): ParsedCertificate | null {
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(der, Certificate);
  } catch {
    return null;
  }
  const tbs = cert.tbsCertificate;
  if (!cert.tbsCertificateRaw) return null;
  let isCA = false;
  let digitalSignature = false;
  try {
    for (const ext of tbs.extensions ?? []) {
      if (ext.extnID === id_ce_basicConstraints) isCA = AsnConvert.parse(ext.extnValue, BasicConstraints).cA;
      if (ext.extnID === id_ce_keyUsage) digitalSignature = AsnConvert.parse(ext.extnValue, KeyUsage).toJSON().includes('digitalSignature');
    }
  } catch {
    return null;
  }
  return {
    der,
    tbs: new Uint8Array(cert.tbsCertificateRaw),
    serial: serialHex(tbs.serialNumber),
    subject: nameText(tbs.subject),
    issuer: nameText(tbs.issuer),
    subjectKey: hex(AsnConvert.serialize(tbs.subject)),
    issuerKey: hex(AsnConvert.serialize(tbs.issuer)),
    notBefore: Math.floor(tbs.validity.notBefore.getTime().getTime() / 1000),
    notAfter: Math.floor(tbs.validity.notAfter.getTime().getTime() / 1000),
    isCA,
    digitalSignature,
    organizationIdentifier: attribute(tbs.subject, OID.organizationIdentifier),
    organizationName: attribute(tbs.subject, OID.organizationName),
    commonName: attribute(tbs.subject, OID.commonName),
    signatureAlgorithm: cert.signatureAlgorithm.algorithm,
    signature: new Uint8Array(cert.signatureValue),
    cert,
  };
}

export interface ParsedCrl {
  readonly issuerKey: string;
  readonly issuer: string;
  readonly thisUpdate: number;
  readonly nextUpdate: number | null;
  readonly revokedSerials: ReadonlySet<string>;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
}

export function parseCrl(der: Uint8Array): ParsedCrl | null {
  try {
    const crl = AsnConvert.parse(der, CertificateList);
    if (!crl.tbsCertListRaw) return null;
    const t = crl.tbsCertList;
    return {
      issuerKey: hex(AsnConvert.serialize(t.issuer)),
      issuer: nameText(t.issuer),
      thisUpdate: Math.floor(t.thisUpdate.getTime().getTime() / 1000),
      nextUpdate: t.nextUpdate ? Math.floor(t.nextUpdate.getTime().getTime() / 1000) : null,
      revokedSerials: new Set((t.revokedCertificates ?? []).map((r) => serialHex(r.userCertificate))),
      tbs: new Uint8Array(crl.tbsCertListRaw),
      signatureAlgorithm: crl.signatureAlgorithm.algorithm,
      signature: new Uint8Array(crl.signature),
    };
  } catch {
    return null;
  }
}

/** ECDSA-Sig-Value (DER) → r‖s of `size` bytes each, as WebCrypto expects. */
function ecdsaRaw(der: Uint8Array, size: number): Uint8Array | null {
  try {
    const sig = AsnConvert.parse(der, ECDSASigValue);
    const out = new Uint8Array(size * 2);
    for (const [i, part] of [sig.r, sig.s].entries()) {
      let bytes = new Uint8Array(part);
      while (bytes.length > size && bytes[0] === 0) bytes = bytes.subarray(1);
      if (bytes.length > size) return null;
      out.set(bytes, size * (i + 1) - bytes.length);
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * Whether `signature` over `data` (a TBS) verifies with the issuer certificate's key under the
 * named algorithm. Allowed: ECDSA P-256/P-384 with SHA-256/384, Ed25519, RSA ≥ 2048 with SHA-256.
 */
export async function verifyBy(issuer: ParsedCertificate, algorithm: string, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const spki = issuer.cert.tbsCertificate.subjectPublicKeyInfo;
  const keyAlg = spki.algorithm.algorithm;
  const spkiDer = new Uint8Array(AsnConvert.serialize(spki));
  try {
    if (algorithm === OID.ed25519 && keyAlg === OID.ed25519) {
      return (await importRawEd25519(new Uint8Array(spki.subjectPublicKey), 'x509')).verify(data, signature);
    }
    if ((algorithm === OID.ecdsaSha256 || algorithm === OID.ecdsaSha384) && keyAlg === OID.ecPublicKey) {
      const curve = curveOf(spki.algorithm.parameters);
      if (!curve) return false;
      const raw = ecdsaRaw(signature, curve === 'P-256' ? 32 : 48);
      if (!raw) return false;
      const key = await crypto.subtle.importKey('spki', spkiDer as BufferSource, { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'ECDSA', hash: algorithm === OID.ecdsaSha256 ? 'SHA-256' : 'SHA-384' }, key, raw as BufferSource, data as BufferSource);
    }
    if (algorithm === OID.rsaSha256 && keyAlg === OID.rsa) {
      const key = await crypto.subtle.importKey('spki', spkiDer as BufferSource, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
      if (((key.algorithm as RsaHashedKeyAlgorithm).modulusLength ?? 0) < 2048) return false;
      return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature as BufferSource, data as BufferSource);
    }
  } catch {
    return false;
  }
  return false;
}

function curveOf(parameters: ArrayBuffer | null | undefined): 'P-256' | 'P-384' | null {
  if (!parameters) return null;
  const h = hex(parameters);
  // DER OBJECT IDENTIFIER encodings of prime256v1 and secp384r1.
  if (h === '06082A8648CE3D030107') return 'P-256';
  if (h === '06052B81040022') return 'P-384';
  return null;
}

/** The seal certificate's key as a JWS verifier: ES256 needs EC P-256, EdDSA needs Ed25519. */
export async function jwsKeyOf(cert: ParsedCertificate, alg: Alg): Promise<VerifyKey | null> {
  const spki = cert.cert.tbsCertificate.subjectPublicKeyInfo;
  try {
    if (alg === 'EdDSA') {
      return spki.algorithm.algorithm === OID.ed25519 ? await importRawEd25519(new Uint8Array(spki.subjectPublicKey), cert.serial) : null;
    }
    if (spki.algorithm.algorithm !== OID.ecPublicKey || curveOf(spki.algorithm.parameters) !== 'P-256') return null;
    const key = await crypto.subtle.importKey('spki', new Uint8Array(AsnConvert.serialize(spki)) as BufferSource, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return {
      alg,
      kid: cert.serial,
      async verify(data, signature) {
        if (signature.length !== 64) return false;
        return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature as BufferSource, data as BufferSource).catch(() => false);
      },
    };
  } catch {
    return null;
  }
}
