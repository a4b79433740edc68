/**
 * A small, strict view over asn1js's BER parser: a plain tree of tag/raw/content with exact stored
 * bytes (signatures cover those bytes, never a re-encoding), definite lengths only, no trailing data.
 */
import * as asn1js from 'asn1js';

export interface Der {
  /** Tag class: 1 universal, 2 application, 3 context-specific, 4 private. */
  readonly cls: number;
  readonly tag: number;
  readonly constructed: boolean;
  /** The whole stored TLV. */
  readonly raw: Uint8Array;
  /** The value octets. */
  readonly content: Uint8Array;
  readonly children: readonly Der[];
}

export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  OID: 6,
  UTF8: 12,
  SEQUENCE: 16,
  PRINTABLE: 19,
  IA5: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
} as const;

/** Nesting deeper than this is not an SES structure (and would only cost stack). */
const MAX_DEPTH = 32;

export class DerError extends Error {
  override readonly name = 'DerError';
}

export function parseDer(bytes: Uint8Array): Der {
  const result = asn1js.fromBER(bytes);
  if (result.offset === -1 || result.result.error) throw new DerError(`not DER: ${result.result.error || 'unreadable'}`);
  if (result.offset !== bytes.length) throw new DerError('trailing bytes after the structure');
  return convert(result.result, 0);
}

function convert(node: asn1js.AsnType, depth: number): Der {
  if (depth > MAX_DEPTH) throw new DerError('nested too deeply');
  const base = node as asn1js.BaseBlock;
  if (base.lenBlock.isIndefiniteForm) throw new DerError('indefinite length');
  const raw = base.valueBeforeDecodeView;
  const headerLength = base.idBlock.blockLength + base.lenBlock.blockLength;
  const constructed = base.idBlock.isConstructed;
  const value = (base.valueBlock as { value?: unknown }).value;
  const children = constructed && Array.isArray(value) ? value.map((c: asn1js.AsnType) => convert(c, depth + 1)) : [];
  return { cls: base.idBlock.tagClass, tag: base.idBlock.tagNumber, constructed, raw, content: raw.subarray(headerLength), children };
}

export const isUniversal = (d: Der | undefined, tag: number): d is Der => d !== undefined && d.cls === 1 && d.tag === tag;
export const isContext = (d: Der | undefined, tag: number): d is Der => d !== undefined && d.cls === 3 && d.tag === tag;

function expect(d: Der | undefined, tag: number, what: string): Der {
  if (!isUniversal(d, tag)) throw new DerError(`${what}: unexpected element`);
  return d;
}

export function sequence(d: Der | undefined, what: string): readonly Der[] {
  const s = expect(d, TAG.SEQUENCE, what);
  if (!s.constructed) throw new DerError(`${what}: not constructed`);
  return s.children;
}

export function primitive(d: Der | undefined, tag: number, what: string): Uint8Array {
  const p = expect(d, tag, what);
  if (p.constructed) throw new DerError(`${what}: constructed string`);
  return p.content;
}

/** A small INTEGER (versions, types, sizes): at most 6 bytes, non-negative. */
export function integer(d: Der | undefined, what: string): number {
  const c = primitive(d, TAG.INTEGER, what);
  if (c.length === 0 || c.length > 6 || (c[0]! & 0x80) !== 0) throw new DerError(`${what}: not a small non-negative integer`);
  return c.reduce((n, b) => n * 256 + b, 0);
}

/** An INTEGER as a big unsigned number (signature values). */
export function bigInteger(d: Der | undefined, what: string): bigint {
  const c = primitive(d, TAG.INTEGER, what);
  if (c.length === 0 || (c[0]! & 0x80) !== 0) throw new DerError(`${what}: not a non-negative integer`);
  if (c.length > 1 && c[0] === 0 && (c[1]! & 0x80) === 0) throw new DerError(`${what}: non-minimal integer`);
  return c.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function ia5(d: Der | undefined, what: string): string {
  const c = primitive(d, TAG.IA5, what);
  if (c.some((b) => b > 0x7f)) throw new DerError(`${what}: not IA5`);
  return latin1(c);
}

/** UTF8String (and, leniently, the other string types some producers use for names). */
export function text(d: Der | undefined, what: string): string {
  if (d && d.cls === 1 && !d.constructed && [TAG.UTF8, TAG.PRINTABLE, TAG.IA5, 30].includes(d.tag as 12)) {
    if (d.tag === 30) return Array.from({ length: d.content.length >> 1 }, (_, i) => String.fromCharCode((d.content[2 * i]! << 8) | d.content[2 * i + 1]!)).join('');
    try {
      return utf8.decode(d.content);
    } catch {
      throw new DerError(`${what}: not UTF-8`);
    }
  }
  throw new DerError(`${what}: not a string`);
}

export function oid(d: Der | undefined, what: string): string {
  const c = primitive(d, TAG.OID, what);
  if (c.length === 0 || (c[c.length - 1]! & 0x80) !== 0) throw new DerError(`${what}: bad OID`);
  const arcs: number[] = [];
  let n = 0;
  for (const b of c) {
    n = n * 128 + (b & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER / 256) throw new DerError(`${what}: OID arc too large`);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else arcs.push(n);
      n = 0;
    }
  }
  return arcs.join('.');
}

/** BIT STRING with no unused bits (hashes, signatures), or leniently an OCTET STRING. */
export function bits(d: Der | undefined, what: string): Uint8Array {
  if (isUniversal(d, TAG.OCTET_STRING)) return primitive(d, TAG.OCTET_STRING, what);
  const c = primitive(d, TAG.BIT_STRING, what);
  if (c.length === 0 || c[0] !== 0) throw new DerError(`${what}: BIT STRING with unused bits`);
  return c.subarray(1);
}

export const octets = (d: Der | undefined, what: string) => primitive(d, TAG.OCTET_STRING, what);

/** China's producers write zone-less times in local time (UTC+8). */
const CHINA_OFFSET = 8 * 3600;

/**
 * A time as unix seconds from ASCII: UTCTime `YYMMDDHHMM[SS](Z|±hhmm)?`, GeneralizedTime
 * `YYYYMMDDHHMMSS[.f*](Z|±hhmm)?`, or `YYYY-MM-DD[ T]HH:MM:SS[.f*](Z|±hh:mm)?`. Zone-less is UTC+8.
 */
export function parseTimeText(s: string, utc = false): number | null {
  const m = utc
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?()(Z|[+-]\d{4})?$/.exec(s)
    : /^(\d{4})-?(\d{2})-?(\d{2})[T ]?(\d{2}):?(\d{2}):?(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  let year = Number(m[1]);
  if (utc) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const zone = m[8];
  let offset = CHINA_OFFSET;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const digits = zone.replace(':', '');
    offset = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset;
}

/** UTCTime or GeneralizedTime → unix seconds. */
export function time(d: Der | undefined, what: string): number {
  const utc = isUniversal(d, TAG.UTC_TIME);
  const c = primitive(d, utc ? TAG.UTC_TIME : TAG.GENERALIZED_TIME, what);
  const t = parseTimeText(latin1(c), utc);
  if (t === null) throw new DerError(`${what}: bad time`);
  return t;
}

export const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
export const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** DER SEQUENCE around already-encoded elements (for the v1 seal's signed data). */
export function derSequence(parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let l = length; l > 0; l = Math.floor(l / 256)) lengthBytes.unshift(l & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = 0x30;
  out.set(lengthBytes, 1);
  let at = 1 + lengthBytes.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
