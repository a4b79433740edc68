import type { MatterKind } from './types.js';

/**
 * Action words, each naming a kind. A name's kind is the action word that ends latest in its main
 * text, because Chinese matter names put the deciding act last (…许可变更 is a 变更, …变更审批 an 审批).
 */
const ACTION_WORDS: readonly (readonly [string, MatterKind])[] = [
  ['审批', '审批'],
  ['许可', '许可'],
  ['备案', '备案'],
  ['核准', '核准'],
  ['审核', '审核'],
  ['审查', '审查'],
  ['初审', '初审'],
  ['复核', '复核'],
  ['批准', '批准'],
  ['核发', '核发'],
  ['核定', '核定'],
  ['核减', '核减'],
  ['核查', '核查'],
  ['奖励', '奖励'],
  ['登记', '登记'],
  ['注销', '注销'],
  ['变更', '变更'],
  ['延续', '延续'],
  ['设立', '设立'],
  ['认定', '认定'],
  ['评定', '评定'],
  ['处分', '处分'],
  ['终止', '终止'],
  ['补贴', '补贴'],
  ['检疫', '检疫'],
  ['调解', '调解'],
];

/**
 * Kinds that, inside a bracket, name the act the whole matter is about: 生产性渔业船舶登记（注销） is a
 * cancellation. Other bracket words (（常规审批）, （报告书）) only qualify the main act.
 */
const BRACKET_ACTIONS: ReadonlySet<MatterKind> = new Set<MatterKind>(['注销', '变更', '延续', '登记', '设立', '初审', '核发']);

function latestAction(text: string): MatterKind | null {
  let best: MatterKind | null = null;
  let bestEnd = -1;
  for (const [word, kind] of ACTION_WORDS) {
    const at = text.lastIndexOf(word);
    if (at >= 0 && at + word.length > bestEnd) {
      best = kind;
      bestEnd = at + word.length;
    }
  }
  return best;
}

/** The kind of a matter, derived from its name only. */
export function kindOfName(name: string): MatterKind {
  const brackets = [...name.matchAll(/[（(]([^（）()]*)[）)]/g)].map((m) => m[1] ?? '');
  // The main text: balanced brackets and the trailing ——内资/—外资 qualifiers removed.
  const main = name.replace(/[（(][^（）()]*[）)]/g, '').replace(/—+.*$/u, '');
  for (let i = brackets.length - 1; i >= 0; i--) {
    const inBracket = latestAction(brackets[i] ?? '');
    if (inBracket && BRACKET_ACTIONS.has(inBracket)) return inBracket;
  }
  return latestAction(main) ?? '其他';
}
