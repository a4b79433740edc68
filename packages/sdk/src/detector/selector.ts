/**
 * Stable CSS selectors for flagged elements: an id when it is unique and not machine-made, else a
 * chain of `tag:nth-of-type(n)` from the nearest such id or from the root. Classes are left out on
 * purpose: they change with styling, positions in the markup do not.
 */
export const FRAME_JOIN = ' >>> ';

/** CSSOM `CSS.escape` (jsdom has no CSS global, so the same code runs in both DOMs). */
export function cssEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const c = ch.charCodeAt(0);
    if (c === 0) out += '\ufffd';
    else if ((c >= 1 && c <= 0x1f) || c === 0x7f || (i === 0 && c >= 0x30 && c <= 0x39) || (i === 1 && c >= 0x30 && c <= 0x39 && value[0] === '-')) {
      out += `\\${c.toString(16)} `;
    } else if (i === 0 && ch === '-' && value.length === 1) out += '\\-';
    else if (c >= 0x80 || ch === '-' || ch === '_' || /[0-9A-Za-z]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

/** Ids that look generated (ext-gen123, a long run of digits or hex) change between page loads. */
const GENERATED_ID = /\d{4,}|[0-9a-f]{8,}|^(?:ext-gen|ember|react-|:r)/i;

type Root = Document | ShadowRoot | DocumentFragment;

function uniqueId(el: Element, root: Root): string | null {
  const id = el.getAttribute('id');
  if (!id || GENERATED_ID.test(id)) return null;
  const sel = `#${cssEscape(id)}`;
  try {
    return root.querySelectorAll(sel).length === 1 ? sel : null;
  } catch {
    return null;
  }
}

/** The selector of `el` within its own tree (document or shadow root). */
export function cssPath(el: Element): string {
  const root = el.getRootNode() as Root;
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur) {
    const id = uniqueId(cur, root);
    if (id) {
      parts.unshift(id);
      break;
    }
    const tag = cur.localName;
    if (tag === 'html' || tag === 'body' || tag === 'head') {
      parts.unshift(tag);
      break;
    }
    const parent: Element | null = cur.parentElement;
    let index = 1;
    let same = 0;
    for (let s = (parent ?? cur.parentNode)?.firstElementChild ?? null; s; s = s.nextElementSibling) {
      if (s.localName !== tag) continue;
      same++;
      if (s === cur) index = same;
    }
    parts.unshift(same > 1 ? `${tag}:nth-of-type(${index})` : tag);
    cur = parent;
  }
  return parts.join(' > ');
}

/**
 * The selector of a live element including the hosts and frames above it, joined with ` >>> `
 * (spec §9). Cross-origin frames cannot be climbed; the path then starts at that frame's document.
 */
export function selectorOf(el: Element): string {
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur) {
    parts.unshift(cssPath(cur));
    const root = cur.getRootNode();
    if ('host' in root && (root as ShadowRoot).host) cur = (root as ShadowRoot).host;
    else cur = frameOf(root as Document);
  }
  return parts.join(FRAME_JOIN);
}

function frameOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}
