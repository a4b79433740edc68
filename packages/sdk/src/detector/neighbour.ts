/**
 * Neighbour context: a short title (`dt`, a heading, a card's or a key/value layout's title/label
 * element) is read together with the block right after it (its `dd`, first paragraph, card body,
 * value cell). The walker hands that text to the rules as `Unit.next`: it can complete a demand the
 * title starts (营业执照 | 副本复印件1份) and exempt one (营业执照 | 免提交，通过数据共享获取), but a
 * demand lying wholly in the following block is that block's own finding.
 */
import { collapse } from './normalize.js';

/** A title longer than this is a sentence of its own, not a label. */
const MAX_TITLE = 30;
/** How much of the following block is read: its first clause is what completes the title. */
const MAX_NEXT = 200;
const HEADING = /^h[1-6]$/;
/** Class names of title/label parts of cards and key/value layouts (card-title, item-hd, label, dt-name…). */
const TITLE_CLASS = /(?:^|[-_\s])(?:title|tit|label|name|hd|head|heading|key|term|caption)(?:$|[-_\s\d])/i;
const FOLLOWER = new Set('dd p div ul ol dl section span li blockquote'.split(' '));

function titleLike(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'dt' || HEADING.test(tag)) return true;
  const cls = el.getAttribute('class');
  return cls !== null && TITLE_CLASS.test(cls);
}

/** The text of the block following a short title element, or undefined when `el` is no such title. */
export function followingText(el: Element, ownText: string): string | undefined {
  if (!titleLike(el) || collapse(ownText).length > MAX_TITLE) return undefined;
  const next = el.nextElementSibling;
  if (!next || !FOLLOWER.has(next.localName) || next.hasAttribute('hidden')) return undefined;
  const tag = el.localName;
  // A dt is followed by its dd; a heading by body text, not another heading; a title by a non-title.
  if (tag === 'dt' ? next.localName !== 'dd' : titleLike(next)) return undefined;
  const text = collapse((next.textContent ?? '').slice(0, MAX_NEXT * 2)).slice(0, MAX_NEXT);
  return text || undefined;
}
