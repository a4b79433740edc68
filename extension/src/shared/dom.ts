/**
 * Element building for every view of the extension. Text only ever goes in through text nodes
 * (never innerHTML): page text, scanned text and settings are untrusted.
 */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  return hIn(document, tag, attrs, ...children);
}

/** The same, in another document (a content script's frame document). */
export function hIn(doc: Document, tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? (el.ownerDocument ?? document).createTextNode(c) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Click handlers for people only: a page script's synthetic click (isTrusted false) does nothing. */
export function onTrustedClick(el: EventTarget, fn: (e: Event) => void): void {
  el.addEventListener('click', (e) => {
    if (e.isTrusted) fn(e);
  });
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}
