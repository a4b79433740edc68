/**
 * Applies the rules to one unit's text: compile once, then for each rule the first match whose
 * clause carries no exemption. One finding per rule per element; a more precise rule replaces the
 * generic one it supersedes (licence-paper over licence-copy on the same element).
 */
import { CELL, normalizeShown, shownSlice, type NormalizedText } from './normalize.js';
import { FRAGMENTS, RULES, type DetectorRule, type UnitKind } from './rules.js';

export interface CompiledRule {
  rule: DetectorRule;
  patterns: RegExp[];
  exemptions: RegExp[];
}

export interface UnitMatch {
  rule: DetectorRule;
  /** The matched phrase as shown. */
  match: string;
}

/** Units at most this long (normalised) are one clause: a list item or label is one idea. */
const SHORT_UNIT = 60;
/** Cheap test on raw text before normalising: no rule can match without one of these. */
// Full-width Latin letters only: full-width punctuation (：，（）) is in nearly every Chinese text.
const RAW_TRIGGER = /[执照章纸]|licen|seal|chop|stamp|paper|hard.?cop|registration cert|[\uff21-\uff3a\uff41-\uff5a]/i;

function expand(source: string): string {
  // Fragments may use other fragments ({GAP} inside none today, but expand twice to be safe).
  let out = source;
  for (let i = 0; i < 2; i++) out = out.replace(/\{([A-Z]+)\}/g, (whole, name: string) => (name in FRAGMENTS ? `(?:${FRAGMENTS[name]})` : whole));
  return out;
}

export function compileRules(rules: readonly DetectorRule[] = RULES): CompiledRule[] {
  return rules.map((rule) => ({
    rule,
    patterns: rule.patterns.map((p) => new RegExp(expand(p), 'g')),
    exemptions: rule.exemptions.map((p) => new RegExp(expand(p))),
  }));
}

let defaultCompiled: CompiledRule[] | undefined;
export function defaultRules(): CompiledRule[] {
  return (defaultCompiled ??= compileRules());
}

const CLAUSE_END = /[\n。;!?]|\.(?=\s|$)/g;

function clauseAround(norm: string, start: number, end: number): string {
  let from = 0;
  let to = norm.length;
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(norm); m; m = CLAUSE_END.exec(norm)) {
    if (m.index < start) from = m.index + 1;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return norm.slice(from, to);
}

export function applies(rule: DetectorRule, kind: UnitKind, fieldType: string | undefined): boolean {
  if (!rule.appliesTo.includes(kind)) return false;
  return kind !== 'field' || !rule.fieldTypes || (fieldType !== undefined && rule.fieldTypes.includes(fieldType));
}

/**
 * An alternative in brackets covers the material it follows, not the rest of the sentence:
 * in 营业执照正本原件（或电子营业执照）及副本原件 the bracket does not exempt the 副本. A bracket followed
 * by another form of the licence (及副本, 和复印件, 、营业执照副本) is left out of the exemption test.
 */
const SCOPED_BRACKET = new RegExp(expand('\\([^()\\n]{1,40}\\)(?=(?:及|和|与|以及|并附?|另附|另需|、|,|，)(?:其|该)?(?:{FORM}|{LIC})|(?:及|和|与|以及|并附?|另附|另需)(?:其|该)?(?:{COPY}))'), 'g');
/** The licence named in a title's following block: that block speaks for itself. */
const NAMES_LICENCE = new RegExp(expand('{LIC}'));
const ELIC_RE = new RegExp(expand('{ELIC}'), 'g');

/**
 * Returns the shown text and the rule matches of one unit (empty when nothing is demanded).
 * `context` may only exempt (the other choices of a radio group). `next` is the block after a short
 * title (neighbour.ts): the title is read with it, and only matches starting in the title count.
 */
export function evaluateUnit(
  raw: string,
  kind: UnitKind,
  fieldType: string | undefined,
  rules: readonly CompiledRule[] = defaultRules(),
  context?: string,
  next?: string,
): { text: NormalizedText | null; matches: UnitMatch[] } {
  if (!RAW_TRIGGER.test(raw)) return { text: null, matches: [] };
  let t = normalizeShown(raw);
  let whole = kind !== 'text' || t.norm.length <= SHORT_UNIT;
  let limit = Infinity;
  let extra = context ? '\n' + normalizeShown(context).norm : '';
  let quiet: string | null = null;
  if (next && kind === 'text') {
    const n = normalizeShown(next);
    if (NAMES_LICENCE.test(n.norm.replace(ELIC_RE, ''))) {
      // 营业执照 over "营业执照副本复印件…": the body is the finding; the title only repeats its subject.
      extra += '\n' + n.norm.split('\n')[0];
      quiet = 'licence-mention';
    } else {
      limit = t.norm.length;
      t = normalizeShown(raw + CELL + next);
      whole = false;
    }
  }
  const matches: UnitMatch[] = [];
  for (const c of rules) {
    if (!applies(c.rule, kind, fieldType) || c.rule.id === quiet) continue;
    const found = firstUnexempt(c, t, whole, extra, limit);
    if (found) matches.push({ rule: c.rule, match: found });
  }
  const superseded = new Set(matches.flatMap((m) => m.rule.supersedes ?? []));
  return { text: t, matches: superseded.size ? matches.filter((m) => !superseded.has(m.rule.id)) : matches };
}

/** `extra` is text that may only exempt; a match must start before `limit` (a title's own text). */
function firstUnexempt(c: CompiledRule, t: NormalizedText, whole: boolean, extra: string, limit: number): string | null {
  for (const re of c.patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(t.norm); m && m.index < limit; m = re.exec(t.norm)) {
      const end = m.index + m[0].length;
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      let clause = whole ? t.norm : clauseAround(t.norm, m.index, end);
      // A match inside the bracket is the alternative itself (电子营业执照): the bracket stays in scope.
      if (t.norm.lastIndexOf('(', m.index) <= t.norm.lastIndexOf(')', m.index)) clause = clause.replace(SCOPED_BRACKET, '');
      clause += extra;
      if (!c.exemptions.some((x) => x.test(clause))) return shownSlice(t, m.index, end);
    }
  }
  return null;
}
