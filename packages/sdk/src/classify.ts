/**
 * Classification of scanned QR text (spec §7). The first step of every verification: a licence
 * presentation, a seal signature, the link printed on a paper licence, or something else.
 */
import { decodeCanonical } from './jose/base64url.js';
import { parseJsonObject } from './jose/jws.js';
import { validateUscc } from './uscc.js';

export const PRESENTATION_PREFIX = 'YZL1:';
export const SEAL_TYP = 'yzseal+jws';
/** How much of unrecognised text may be echoed back (spec §7). */
export const UNKNOWN_PREVIEW_LENGTH = 64;

export type ScanKind = 'licence' | 'seal' | 'paper-licence-link' | 'unknown';

export type Classification =
  | { readonly kind: 'licence'; readonly token: string }
  | { readonly kind: 'seal'; readonly token: string }
  | { readonly kind: 'paper-licence-link'; readonly url: string; readonly uscc: string | null }
  /** `preview` is plain text: render it with textContent, never as HTML. */
  | { readonly kind: 'unknown'; readonly preview: string; readonly truncated: boolean };

export function classify(scanned: string): Classification {
  const text = scanned.trim();
  if (text.startsWith(PRESENTATION_PREFIX)) return { kind: 'licence', token: text.slice(PRESENTATION_PREFIX.length) };
  if (isSealJws(text)) return { kind: 'seal', token: text };
  const link = paperLicenceLink(text);
  if (link) return link;
  const chars = [...text];
  return { kind: 'unknown', preview: chars.slice(0, UNKNOWN_PREVIEW_LENGTH).join(''), truncated: chars.length > UNKNOWN_PREVIEW_LENGTH };
}

function isSealJws(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 3) return false;
  const header = decodeCanonical(parts[0]!);
  return header !== null && parseJsonObject(header)?.typ === SEAL_TYP;
}

/** The public-record link on a paper licence, or the SAMR 亮照 link: `gsxt.gov.cn` or a subdomain. */
function paperLicenceLink(text: string): Classification | null {
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (host !== 'gsxt.gov.cn' && !host.endsWith('.gsxt.gov.cn'))) return null;
  const candidate = url.searchParams.get('uniscid') ?? url.searchParams.get('serial')?.split('-')[0] ?? null;
  const uscc = candidate !== null && validateUscc(candidate).ok ? candidate : null;
  return { kind: 'paper-licence-link', url: text, uscc };
}
