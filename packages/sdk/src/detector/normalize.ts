/**
 * The normalised view of rendered text that the rules match against, with a map back to the text
 * as shown, so a finding can quote the matched phrase the way the page shows it.
 *
 * The walker hands over raw text with two private-use markers: BREAK where a block boundary or <br>
 * falls (a clause break for the rules, a space when shown) and CELL between table cells (the row is
 * one clause; the rules see `|`).
 */
export const BREAK = '\uE000';
export const CELL = '\uE001';

export interface NormalizedText {
  /** The text as shown: white space (and markers) collapsed to single spaces, trimmed. */
  display: string;
  /** Lower case, NFKC (full-width → half-width), brackets unified to (), no spaces inside CJK text. */
  norm: string;
  /** For each code unit of `norm`, the index in `display` of the character it came from. */
  map: number[];
}

const OPEN = new Set(['[', '{', '【', '〔', '〖', '「', '『', '《', '〈', '<', '﹝', '⟨']);
const CLOSE = new Set([']', '}', '】', '〕', '〗', '」', '』', '》', '〉', '>', '﹞', '⟩']);
/** Dropped from the rules' view: quotes and zero-width characters carry no meaning for a demand. */
const DROP = /['"`“”‘’«»\u00ad\u200b-\u200d\u2060\ufeff]/;
const DASH = /[\u2010-\u2015\u2212\ufe58\ufe63]/;
const SPACE = /[\s\u3000\u00a0]/;

/** CJK ideographs, kana, CJK punctuation: a space next to one is a stray space, not a word gap. */
function isCjk(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
}

function fold(ch: string): string {
  const c = ch.charCodeAt(0);
  // Fast path: ASCII and unified ideographs do not change under NFKC.
  let s = c < 0x80 || (c >= 0x4e00 && c <= 0x9fff) ? ch : ch.normalize('NFKC');
  if (s.length === 1) {
    if (OPEN.has(s)) return '(';
    if (CLOSE.has(s)) return ')';
    if (DASH.test(s)) return '-';
    if (DROP.test(s)) return '';
  }
  s = s.toLowerCase();
  return s;
}

export function normalizeShown(raw: string): NormalizedText {
  let display = '';
  let norm = '';
  const map: number[] = [];
  let pendingSpace = false;
  let pendingBreak = false;
  let pendingCell = false;
  for (const ch of raw) {
    const code = ch.charCodeAt(0);
    // Fast path for ideographs, the bulk of the text: no folding, no space handling needed.
    if (code >= 0x4e00 && code <= 0x9fff && !pendingSpace && !pendingBreak && !pendingCell) {
      map.push(display.length);
      display += ch;
      norm += ch;
      continue;
    }
    if (ch === BREAK) {
      pendingBreak = true;
      continue;
    }
    if (ch === CELL) {
      pendingCell = true;
      continue;
    }
    if (SPACE.test(ch)) {
      pendingSpace = true;
      continue;
    }
    const folded = fold(ch);
    if (display.length > 0 && (pendingSpace || pendingBreak || pendingCell)) {
      display += ' ';
      const at = display.length - 1;
      const prev = norm.charCodeAt(norm.length - 1);
      if (pendingBreak) {
        norm += '\n';
        map.push(at);
      } else if (pendingCell) {
        norm += '|';
        map.push(at);
      } else if (norm.length > 0 && folded && !isCjk(prev) && !isCjk(folded.charCodeAt(0)) && prev !== 10 && prev !== 124) {
        norm += ' ';
        map.push(at);
      }
    }
    pendingSpace = pendingBreak = pendingCell = false;
    const at = display.length;
    display += ch;
    for (let i = 0; i < folded.length; i++) map.push(at);
    norm += folded;
  }
  return { display, norm, map };
}

/** The part of `display` that produced norm[start, end). */
export function shownSlice(t: NormalizedText, start: number, end: number): string {
  if (end <= start) return '';
  const from = t.map[start] ?? 0;
  const lastAt = t.map[end - 1] ?? from;
  const code = t.display.codePointAt(lastAt) ?? 0;
  return t.display.slice(from, lastAt + (code > 0xffff ? 2 : 1)).trim();
}

/** Collapses white space the way `text` is reported (spec §9). */
export function collapse(text: string): string {
  return text.replace(/[\s\u3000\u00a0\uE000\uE001]+/g, ' ').trim();
}
