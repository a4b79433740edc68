/**
 * Who signed, for people: the seal picture as an image a UI can show, and the signer's USCC when
 * the certificate carries one. Chinese CAs put the USCC in different places (organizationIdentifier
 * `NTRCN-…`, serialNumber, OU/CN text, or a private extension under 1.2.156), so every subject
 * attribute and every 1.2.156 extension is searched for an 18-character code whose check digits hold.
 */
import { isValidUscc, type ParsedCertificate } from '@yizhao/sdk';
import type { SesPictureData } from './ses.js';

export interface SealImage {
  /** The type the seal states ("PNG", "OFD", …). */
  readonly type: string;
  /** The MIME type found from the bytes themselves; null when not an image format we recognise. */
  readonly mime: string | null;
  readonly data: Uint8Array;
  readonly widthMm: number;
  readonly heightMm: number;
  /**
   * `data:` URL for an `<img>`, only for raster formats recognised from their magic bytes (never
   * SVG, which can carry script, nor a nested OFD).
   */
  readonly dataUrl: string | null;
}

const startsWith = (d: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => d[at + i] === b);

function sniff(d: Uint8Array): { mime: string; raster: boolean } | null {
  if (startsWith(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', raster: true };
  if (startsWith(d, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', raster: true };
  if (startsWith(d, [0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', raster: true };
  if (startsWith(d, [0x42, 0x4d])) return { mime: 'image/bmp', raster: true };
  if (startsWith(d, [0x52, 0x49, 0x46, 0x46]) && startsWith(d, [0x57, 0x45, 0x42, 0x50], 8)) return { mime: 'image/webp', raster: true };
  if (startsWith(d, [0x50, 0x4b, 0x03, 0x04])) return { mime: 'application/ofd', raster: false };
  const head = new TextDecoder().decode(d.subarray(0, 512)).trimStart();
  if (head.startsWith('<') && /<svg[\s>]/.test(head)) return { mime: 'image/svg+xml', raster: false };
  return null;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function sealImage(picture: SesPictureData): SealImage {
  const found = sniff(picture.data);
  return {
    type: picture.type,
    mime: found?.mime ?? null,
    data: picture.data,
    widthMm: picture.widthMm,
    heightMm: picture.heightMm,
    dataUrl: found?.raster ? `data:${found.mime};base64,${base64(picture.data)}` : null,
  };
}

const CANDIDATE = /(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{18}(?![0-9A-Z])/g;

function candidates(value: string): string[] {
  return [...value.toUpperCase().matchAll(CANDIDATE)].map((m) => m[0]).filter(isValidUscc);
}

/** Printable text inside an extension value (its strings are short ASN.1 strings). */
function extensionText(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ' ')).join('');
}

/** The first valid USCC the certificate's subject or its 1.2.156 extensions carry, else null. */
export function usccOf(cert: ParsedCertificate): string | null {
  const tbs = cert.cert.tbsCertificate;
  const found: string[] = [];
  if (cert.organizationIdentifier?.startsWith('NTRCN-')) found.push(...candidates(cert.organizationIdentifier.slice(6)));
  for (const rdn of tbs.subject) for (const atv of rdn) found.push(...candidates(atv.value.toString()));
  for (const ext of tbs.extensions ?? []) if (ext.extnID.startsWith('1.2.156.')) found.push(...candidates(extensionText(ext.extnValue.buffer as ArrayBuffer)));
  return found[0] ?? null;
}

export interface SignerSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly commonName: string | null;
  readonly organizationName: string | null;
  readonly notBefore: number;
  readonly notAfter: number;
}

export const summarise = (c: ParsedCertificate): SignerSummary => ({
  subject: c.subject,
  issuer: c.issuer,
  serial: c.serial,
  commonName: c.commonName,
  organizationName: c.organizationName,
  notBefore: c.notBefore,
  notAfter: c.notAfter,
});
