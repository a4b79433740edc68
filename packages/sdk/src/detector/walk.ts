/**
 * Reads a DOM tree into units the rules look at: text blocks (a block element's own inline text,
 * across <span>/<b>/… boundaries), table rows (all cells read as one unit), and form fields (with
 * their labels, aria-label(ledby), title, placeholder). DOM interfaces only, so the browser and a
 * Node DOM (jsdom) walk the same markup the same way.
 *
 * Iterative (no recursion on hostile nesting), with a budget on elements and on text per unit.
 * Resumable: `walkSteps` is a generator that pauses once `state.elements` reaches `state.pauseAt`
 * (a time-sliced scan yields to the page there); `walk` drains it without pausing.
 */
import { BREAK, CELL, collapse } from './normalize.js';
import type { UnitKind } from './rules.js';
import { followingText } from './neighbour.js';
import { FRAME_JOIN, selectorOf } from './selector.js';

export interface Unit {
  el: Element;
  kind: UnitKind;
  raw: string;
  fieldType?: string;
  /** Text that only exempts (the other choices of a radio/checkbox group). */
  context?: string;
  /** For a short title (dt, heading, card title): the text of the block right after it (neighbour.ts). */
  next?: string;
  /** Selector prefix for trees the live DOM cannot climb out of (parsed srcdoc, template shadow roots). */
  prefix: string;
  /** Elements whose visibility also counts for this unit (a field's labels). */
  also?: Element[];
}

export interface WalkLimits {
  maxElements: number;
  maxUnitChars: number;
  frames: boolean;
}

export const DEFAULT_LIMITS: WalkLimits = { maxElements: 200_000, maxUnitChars: 4000, frames: true };

const BLOCK = new Set(
  'address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup li main menu ol p pre section summary ul legend tbody thead tfoot'.split(' '),
);
const SKIP = new Set('script style noscript head title meta link svg math object embed canvas audio video map img picture source track datalist option optgroup'.split(' '));
const FIELD = new Set(['input', 'select', 'textarea']);
const NOT_FIELD_INPUT = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'password']);
const NAV_ROLES = new Set(['navigation', 'menubar', 'menu', 'tablist']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const MAX_DEPTH = 8;

interface Frame {
  el: Node;
  kind: 'block' | 'row' | 'table';
  buf: string;
  chars: number;
  linkChars: number;
}

export interface WalkState {
  limits: WalkLimits;
  elements: number;
  truncated: boolean;
  emit(unit: Unit): void;
  /** The walk pauses (the generator yields) once `elements` reaches this; Infinity never pauses. */
  pauseAt: number;
  /** At a pause: the node each nesting level (document, shadow root, frame) stands on, outermost first. */
  cursor: Node[];
  /** Set when a walk found its position detached from the tree (a DOM mutation during a pause): the walk stopped. */
  lost: boolean;
}

/** Labels, aria-labelledby targets and implicit labels of file inputs: their text belongs to a field. */
interface Prepared {
  consumed: Set<Element>;
  implicit: Map<Element, Element[]>;
  labels: Map<Element, Element[]>;
  /** Whether `labels` covers the whole tree (a document or shadow root was prepared). */
  complete: boolean;
  /** Elements that may be hidden or navigation: one native query instead of attribute reads on every element. */
  maybeSkipped: Set<Element>;
}

const MAYBE_SKIPPED = '[hidden], [role=navigation], [role=menubar], [role=menu], [role=tablist], [style*="none" i], [style*="hidden" i]';

export function isBoundary(el: Element): boolean {
  const tag = el.localName;
  return BLOCK.has(tag) || tag === 'tr' || tag === 'table' || tag === 'td' || tag === 'th' || FIELD.has(tag);
}

export function isField(el: Element): boolean {
  const tag = el.localName;
  return (tag === 'select' || tag === 'textarea' || (tag === 'input' && !NOT_FIELD_INPUT.has(inputType(el))));
}

function inputType(el: Element): string {
  return (el.getAttribute('type') ?? 'text').toLowerCase();
}

export function isSkipped(el: Element): boolean {
  const tag = el.localName;
  if (SKIP.has(tag) || tag === 'nav' || tag === 'template') return true;
  if (el.hasAttribute('hidden')) return true;
  const role = el.getAttribute('role');
  if (role && NAV_ROLES.has(role)) return true;
  const style = el.getAttribute('style');
  // A file input is often hidden behind a styled button: its labels decide whether it is shown.
  return style !== null && HIDDEN_STYLE.test(style) && !(tag === 'input' && inputType(el) === 'file');
}

function textOf(node: Node | null | undefined): string {
  return node ? collapse(node.textContent ?? '') : '';
}

function rootOf(node: Node): (Document | DocumentFragment) | null {
  const r = node.getRootNode();
  return r.nodeType === 9 || r.nodeType === 11 ? (r as Document | DocumentFragment) : null;
}

function byId(node: Node, id: string): Element | null {
  const root = rootOf(node) as { getElementById?: (id: string) => Element | null } | null;
  return root?.getElementById?.(id) ?? null;
}

/**
 * A field's <label>s. `input.labels` costs a walk of the whole tree per call in Chromium, so a full
 * scan maps labels to controls once (prepare); a partial rescan falls back to a targeted query.
 */
function labelsOf(el: Element, prepared?: Prepared): Element[] {
  const known = prepared?.labels.get(el);
  if (known || prepared?.complete) return known ?? [];
  const out = new Set<Element>();
  const wrap = el.closest('label');
  if (wrap) out.add(wrap);
  const id = el.getAttribute('id');
  const root = rootOf(el);
  if (id && root) for (const l of Array.from(root.querySelectorAll('label[for]'))) if (l.getAttribute('for') === id) out.add(l);
  return [...out];
}

function labelledBy(el: Element): Element[] {
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return [];
  return ids.split(/\s+/).map((id) => (id ? byId(el, id) : null)).filter((e): e is Element => e !== null);
}

function hasExplicitLabel(el: Element, prepared: Prepared): boolean {
  return labelsOf(el, prepared).some((l) => textOf(l) !== '') || labelledBy(el).length > 0 || ['aria-label', 'title', 'placeholder'].some((a) => el.getAttribute(a)?.trim());
}

/** The nearby text standing for the label of an unlabelled file input: its row, a preceding sibling, or its short container. */
function implicitLabel(input: Element): Element | null {
  const tr = input.closest('tr');
  if (tr) return textOf(tr).length <= 200 ? tr : null;
  let cur: Element = input;
  for (let level = 0; level < 3; level++) {
    const parent = cur.parentElement;
    if (!parent) return null;
    for (let s = cur.previousSibling, k = 0; s && k < 4; s = s.previousSibling, k++) {
      if (s.nodeType === 3 && (s.nodeValue ?? '').trim()) return textOf(parent).length <= 80 ? parent : null;
      if (s.nodeType === 1 && textOf(s)) return textOf(s).length <= 80 ? (s as Element) : null;
    }
    cur = parent;
  }
  return null;
}

function prepare(scope: ParentNode & Node): Prepared {
  const consumed = new Set<Element>();
  const implicit = new Map<Element, Element[]>();
  const prepared: Prepared = { consumed, implicit, labels: new Map(), complete: scope.nodeType === 9 || scope.nodeType === 11, maybeSkipped: new Set(scope.querySelectorAll(MAYBE_SKIPPED)) };
  const labels: HTMLLabelElement[] = Array.from(scope.querySelectorAll('label'));
  if (scope.nodeType === 1 && (scope as Element).localName === 'label') labels.push(scope as HTMLLabelElement);
  for (const label of labels) {
    const control = label.control ?? null;
    if (!control || !isField(control)) continue;
    consumed.add(label);
    prepared.labels.set(control, [...(prepared.labels.get(control) ?? []), label]);
  }
  for (const el of Array.from(scope.querySelectorAll('[aria-labelledby]'))) for (const t of labelledBy(el)) consumed.add(t);
  for (const input of Array.from(scope.querySelectorAll('input[type=file]'))) {
    if (hasExplicitLabel(input, prepared)) continue;
    const label = implicitLabel(input);
    if (label) {
      implicit.set(input, [label]);
      consumed.add(label);
    }
  }
  return prepared;
}

function fieldUnit(el: Element, prepared: Prepared, prefix: string): Unit | null {
  const tag = el.localName;
  const type = tag === 'input' ? inputType(el) : tag;
  const also = [...labelsOf(el, prepared), ...labelledBy(el), ...(prepared.implicit.get(el) ?? [])];
  const parts = also.map(textOf);
  for (const a of ['aria-label', 'title', 'placeholder']) parts.push(el.getAttribute(a) ?? '');
  if (tag === 'select') parts.push(...Array.from((el as HTMLSelectElement).options).slice(0, 50).map((o) => o.text));
  let context: string | undefined;
  const name = el.getAttribute('name');
  if ((type === 'radio' || type === 'checkbox') && name) {
    const scope = (el as HTMLInputElement).form ?? el.parentElement?.parentElement ?? el.parentElement;
    const group = scope ? Array.from(scope.querySelectorAll('input')).filter((o) => o !== el && o.getAttribute('name') === name).slice(0, 30) : [];
    context = group.flatMap((o) => [...labelsOf(o, prepared), ...labelledBy(o)].map(textOf)).join(CELL);
  }
  const raw = parts.filter((p) => p.trim()).join(CELL);
  if (!raw) return null;
  return { el, kind: 'field', raw, fieldType: type, prefix, also, ...(context ? { context } : {}) };
}

/**
 * Walks `start` (a document, shadow root, fragment or element) and emits its units. With
 * `shallow`, only `start`'s own unit is read: nested blocks, rows and fields are not entered
 * (the incremental scanner re-reads a block's own text after an inline change).
 */
export function walk(start: Node, state: WalkState, prefix = '', shallow = false): void {
  const steps = walkSteps(start, state, prefix, shallow);
  while (!steps.next().done);
}

/** `walk` as a generator: yields (with `state.cursor` set) whenever `state.elements` reaches `state.pauseAt`. */
export function* walkSteps(start: Node, state: WalkState, prefix = '', shallow = false, depth = 0): Generator<void, void, void> {
  if (depth > MAX_DEPTH) return;
  const prepared = prepare(start.nodeType === 9 ? (start as Document) : (start as Element));
  const frames: Frame[] = [];
  let inLink = start.nodeType === 1 && (start as Element).closest('a') ? 1 : 0;
  const muted: Node[] = [];
  const limits = state.limits;
  /** A nested tree (shadow root, declarative shadow template, frame) to walk before going on. */
  let nested: Generator<void, void, void> | null = null;

  const top = (): Frame | undefined => frames[frames.length - 1];
  const append = (s: string, counts: boolean) => {
    const f = top();
    if (!f || f.kind === 'table' || muted.length > 0 || f.buf.length >= limits.maxUnitChars) {
      if (f && f.buf.length >= limits.maxUnitChars) state.truncated = true;
      return;
    }
    const room = limits.maxUnitChars - f.buf.length;
    if (s.length > room) {
      s = s.slice(0, room);
      state.truncated = true;
    }
    f.buf += s;
    if (counts) {
      const n = s.trim().length;
      f.chars += n;
      if (inLink > 0) f.linkChars += n;
    }
  };
  const push = (el: Node, kind: Frame['kind']) => frames.push({ el, kind, buf: '', chars: 0, linkChars: 0 });
  const inRow = () => top()?.kind === 'row';

  const enter = (node: Node): boolean => {
    const type = node.nodeType;
    if (type === 3) {
      append(node.nodeValue ?? '', true);
      return false;
    }
    if (type === 9) return true;
    if (type === 11) {
      push(node, 'block');
      return true;
    }
    if (type !== 1) return false;
    const el = node as Element;
    if (++state.elements > limits.maxElements) {
      state.truncated = true;
      return false;
    }
    const tag = el.localName;
    if (tag === 'template' && node !== start) {
      const host = el.parentElement;
      if (!shallow && el.getAttribute('shadowrootmode') === 'open' && host && !host.shadowRoot) {
        nested = walkSteps((el as HTMLTemplateElement).content, state, prefix + selectorOf(host) + FRAME_JOIN, false, depth + 1);
      }
      return false;
    }
    if (SKIP.has(tag) || tag === 'nav' || ((prepared.maybeSkipped.has(el) || node === start) && isSkipped(el))) return false;
    if (FIELD.has(tag)) {
      if (tag === 'input' && NOT_FIELD_INPUT.has(inputType(el))) {
        if (inputType(el) !== 'hidden') append(` ${el.getAttribute('value') ?? ''} `, true);
      } else if (!shallow || node === start) {
        const unit = fieldUnit(el, prepared, prefix);
        if (unit) state.emit(unit);
      }
      return false;
    }
    if (tag === 'iframe') {
      if (!shallow && limits.frames) nested = frame(el as HTMLIFrameElement, state, prefix, depth);
      return false;
    }
    if (tag === 'br' || tag === 'hr') {
      append(BREAK, false);
      return false;
    }
    const boundary = isBoundary(el);
    if (shallow && boundary && node !== start && !inRow()) {
      append(BREAK, false);
      return false;
    }
    // Walked right after this element is entered (before its children), as a recursive call here would.
    if (!shallow && el.shadowRoot) nested = walkSteps(el.shadowRoot, state, prefix, false, depth + 1);
    if (prepared.consumed.has(el)) muted.push(el);
    if (tag === 'a') inLink++;
    if (tag === 'tr' && !isLayoutRow(el)) push(el, 'row');
    else if (tag === 'tr') push(el, 'table');
    else if (tag === 'table') push(el, 'table');
    else if (boundary) {
      if (inRow()) append(CELL, false);
      else {
        append(BREAK, false);
        push(el, 'block');
      }
    } else if (node === start) push(el, 'block');
    return true;
  };

  const leave = (node: Node) => {
    if (node.nodeType === 1) {
      if ((node as Element).localName === 'a') inLink--;
      if (muted[muted.length - 1] === node) muted.pop();
    }
    const f = top();
    if (!f || f.el !== node) return;
    frames.pop();
    if (f.kind === 'table') return;
    if (f.kind === 'block') append(BREAK, false);
    // A block that is (nearly) all link text is a menu or a link list, not a demand.
    if (f.chars === 0 || f.linkChars >= f.chars * 0.9) return;
    // An inline start (incremental rescan of an added <span>) has no unit of its own: its parent has.
    if (node === start && node.nodeType === 1 && !isBoundary(node as Element)) return;
    if (node.nodeType !== 1) return;
    const next = f.kind === 'block' ? followingText(node as Element, f.buf) : undefined;
    state.emit({ el: node as Element, kind: f.kind === 'row' ? 'row' : 'text', raw: f.buf, prefix, ...(next ? { next } : {}) });
  };

  let node: Node = start;
  for (;;) {
    const descend = enter(node);
    if (nested) {
      const inner: Generator<void, void, void> = nested;
      nested = null;
      state.cursor[depth] = node;
      yield* inner;
    }
    if (state.elements >= state.pauseAt) {
      state.cursor[depth] = node;
      state.cursor.length = depth + 1;
      yield;
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    if (descend) leave(node);
    for (;;) {
      if (node === start) return;
      if (node.nextSibling) {
        node = node.nextSibling;
        break;
      }
      const parent = node.parentNode;
      if (!parent) {
        // Detached while the walk was paused: the position is gone.
        state.lost = true;
        return;
      }
      node = parent;
      leave(node);
    }
  }
}

/**
 * Old portals lay whole pages out in tables: a row holding lists, headings or long text is layout,
 * and its cells are read as blocks, not as one row.
 */
function isLayoutRow(tr: Element): boolean {
  if (tr.querySelector('table, ul, ol, dl, h1, h2, h3, h4, h5, h6, form, section, article')) return true;
  return (tr.textContent?.length ?? 0) > 600;
}

/** Same-origin frames are read in place; a srcdoc frame not loaded (a Node DOM) is parsed, never run. */
function frame(el: HTMLIFrameElement, state: WalkState, prefix: string, depth: number): Generator<void, void, void> | null {
  let doc: Document | null = null;
  try {
    doc = el.contentDocument;
  } catch {
    doc = null;
  }
  const loaded = doc && (doc.URL !== 'about:blank' || (doc.body?.childNodes.length ?? 0) > 0);
  if (doc && loaded) return walkSteps(doc.body ?? doc.documentElement, state, prefix, false, depth + 1);
  const srcdoc = el.getAttribute('srcdoc');
  const Parser = el.ownerDocument.defaultView?.DOMParser ?? (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (srcdoc === null || !Parser) return null;
  const parsed = new Parser().parseFromString(srcdoc, 'text/html');
  return walkSteps(parsed.body ?? parsed.documentElement, state, prefix + selectorOf(el) + FRAME_JOIN, false, depth + 1);
}

/** The unit a node's text belongs to: its field, its table row, or its nearest block. */
export function unitOf(node: Node): Node | null {
  let cur: Node | null = node.nodeType === 1 ? node : node.parentNode;
  let block: Node | null = null;
  while (cur) {
    if (cur.nodeType === 11) return block ?? cur;
    if (cur.nodeType !== 1) return block;
    const el = cur as Element;
    if (isField(el) && block === null) return el;
    const tag = el.localName;
    if (tag === 'tr' && !isLayoutRow(el)) return el;
    if (tag === 'table') return block ?? el;
    if (block === null && BLOCK.has(tag)) block = el;
    cur = el.parentNode;
  }
  return block;
}
