/**
 * Canonical base64url (spec §0): unpadded, and a segment must re-encode to exactly itself, so one
 * token never has two spellings. jose's decoder alone is lenient (it ignores non-zero trailing bits).
 */
import { base64url } from 'jose';

const SHAPE = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** True when `segment` is unpadded base64url whose unused trailing bits are zero. */
export function isCanonicalBase64url(segment: string): boolean {
  if (!SHAPE.test(segment)) return false;
  const rest = segment.length % 4;
  if (rest === 1) return false;
  if (rest === 0) return true;
  const last = ALPHABET.indexOf(segment[segment.length - 1]!);
  // 2 chars carry 1 byte (4 spare bits), 3 chars carry 2 bytes (2 spare bits).
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}

/** Decodes canonical base64url, or returns null for any other spelling. */
export function decodeCanonical(segment: string): Uint8Array | null {
  if (!isCanonicalBase64url(segment)) return null;
  try {
    return base64url.decode(segment);
  } catch {
    return null;
  }
}

export const encodeBase64url = (bytes: Uint8Array | string): string => base64url.encode(bytes);

/** Standard base64 (RFC 4648 §4), as x5c and trust-list seal roots carry DER certificates. */
export function encodeBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Strict, padded standard base64 (what x5c and trust-list seal roots must be). */
export const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
