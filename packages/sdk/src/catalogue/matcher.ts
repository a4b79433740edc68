/**
 * Which of the 172 matters a service page is about. Three tiers, so that a page that carries a
 * matter's name always beats one that only resembles it:
 *
 * - exact (1.0): the text is the name, give or take decoration (portal words, place and department
 *   names, punctuation, width, spacing);
 * - contained (0.9–1.0): the name occurs in the text and is not merely part of a longer matter name
 *   that occurs there too (…审核 inside …审核（报装申请）);
 * - fuzzy (≤ 0.85): the best window of the text is scored against the name's character bigrams,
 *   weighted by rarity across the catalogue, as an F2 measure (recall counts more than precision, so
 *   extra words in a title cost little but missing distinctive characters cost much).
 *
 * A department known from the page (option `department`) scales other departments' scores by 0.95;
 * departments merely mentioned in the text only break exact ties (57 vs 72, which share a name).
 */
import { allSpellings, departmentsInNormalized, findDepartment, type Department } from './departments.js';
import { MATTERS } from './matters.generated.js';
import { DECORATION_WORDS, GENERIC_WORDS, normalizeText } from './normalize.js';
import type { Matter, MatterId } from './types.js';

/** Scores at or above this mean “this page is about that matter”; below, it is not recognised. */
export const MATTER_MATCH_THRESHOLD = 0.5;

const FUZZY_CEILING = 0.85;
/** Share of a name's distinctive part a fuzzy match must cover to keep its full score. */
const DISTINCTIVE_FULL = 0.75;
const CONTAINED_FLOOR = 0.9;
const OTHER_DEPARTMENT_FACTOR = 0.95;
/** Beyond this length a text is a page, not a title: it cannot be an exact match. */
const EXACT_MAX_REMAINDER = 80;

export type MatchKind = 'exact' | 'contained' | 'fuzzy';

export interface MatchOptions {
  /** The department the page belongs to, in any spelling findDepartment accepts. */
  department?: string;
  /** Most candidates returned (default 5). */
  limit?: number;
  /** Least score returned (default 0.2; use MATTER_MATCH_THRESHOLD for confident answers only). */
  minScore?: number;
}

export interface MatterCandidate {
  id: MatterId;
  /** 0…1; see MATTER_MATCH_THRESHOLD. */
  score: number;
  match: MatchKind;
  matter: Matter;
  /** Whether the matter belongs to options.department; null when no department was given. */
  departmentMatch: boolean | null;
}

interface Entry {
  matter: Matter;
  norm: string;
  /** Entries whose normalised name strictly contains this one's. */
  supers: number[];
  /** Weight of each distinct bigram slot, and their sum. */
  weights: number[];
  total: number;
  /** The same for the distinctive slots only (a bigram with a character outside GENERIC_WORDS). */
  distinctive: number[];
  totalDistinctive: number;
}

interface Index {
  entries: Entry[];
  /** bigram key → entry * 1024 + slot. */
  postings: Map<number, number[]>;
  /** Normalised decoration words and department spellings, longest first. */
  decorations: string[];
}

let index: Index | undefined;

const bigramKey = (s: string, i: number): number => s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);

function buildIndex(): Index {
  const entries: Entry[] = MATTERS.map((matter) => ({
    matter,
    norm: normalizeText(matter.name),
    supers: [],
    weights: [],
    total: 0,
    distinctive: [],
    totalDistinctive: 0,
  }));
  const generic = GENERIC_WORDS.map(normalizeText);
  const slotsOf = entries.map((e) => {
    const slots = new Map<number, number>();
    for (let i = 0; i + 1 < e.norm.length; i++) {
      const k = bigramKey(e.norm, i);
      if (!slots.has(k)) slots.set(k, slots.size);
    }
    return slots;
  });
  const df = new Map<number, number>();
  for (const slots of slotsOf) for (const k of slots.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const postings = new Map<number, number[]>();
  entries.forEach((e, n) => {
    const isGeneric = new Uint8Array(e.norm.length);
    for (const g of generic) for (const at of findAll(e.norm, g, 1)) isGeneric.fill(1, at, at + g.length);
    const firstAt = new Map<number, number>();
    for (let i = e.norm.length - 2; i >= 0; i--) firstAt.set(bigramKey(e.norm, i), i);
    for (const [k, slot] of slotsOf[n]!) {
      // Rarity weight: a bigram shared by many names (审批, 许可) tells little about which one is meant.
      const w = Math.log(1 + entries.length / (df.get(k) ?? 1));
      e.weights[slot] = w;
      e.total += w;
      const at = firstAt.get(k)!;
      const d = isGeneric[at] && isGeneric[at + 1] ? 0 : w;
      e.distinctive[slot] = d;
      e.totalDistinctive += d;
      const list = postings.get(k);
      if (list) list.push(n * 1024 + slot);
      else postings.set(k, [n * 1024 + slot]);
    }
    e.supers = entries.flatMap((o, m) => (o.norm !== e.norm && o.norm.includes(e.norm) ? [m] : []));
  });
  const decorations = [...DECORATION_WORDS.map(normalizeText), ...allSpellings().map(([s]) => s)].sort((a, b) => b.length - a.length);
  return { entries, postings, decorations };
}

/** Ranked candidates for the matter `text` (a page title, heading or whole page text) is about. */
export function matchMatter(text: string, options: MatchOptions = {}): MatterCandidate[] {
  index ??= buildIndex();
  const { entries } = index;
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? 0.2;
  const t = normalizeText(text);
  if (t.length < 2) return [];

  const scores = new Map<number, { score: number; match: MatchKind }>();
  const occurrences = entries.map((e) => findAll(t, e.norm));
  const spans = occurrences.flatMap((list, n) => list.map((start) => [start, start + entries[n]!.norm.length] as const));
  entries.forEach((e, n) => {
    const free = freeOccurrences(occurrences, n, e);
    if (free.length === 0) return;
    if (isExact(t, free[0]!, e.norm.length)) {
      scores.set(n, { score: 1, match: 'exact' });
      return;
    }
    // A name standing next to another matter name is an entry of a menu or a “related matters” box;
    // the page's own matter stands alone (title, heading, 事项名称 field), so listed mentions count less.
    let weight = 0;
    let firstAlone = -1;
    for (const p of free) {
      const listed = isListed(spans, p, p + e.norm.length);
      weight += listed ? 0.25 : 1;
      if (!listed && firstAlone < 0) firstAlone = p;
    }
    const early = firstAlone >= 0 ? 1 - firstAlone / t.length : 0.5 * (1 - free[0]! / t.length);
    const g = 0.45 * Math.min(1, weight / 3) + 0.35 * (e.norm.length / t.length) + 0.2 * early;
    scores.set(n, { score: CONTAINED_FLOOR + (1 - CONTAINED_FLOOR) * Math.min(g, 0.99), match: 'contained' });
  });
  fuzzyScores(t, minScore, scores);

  const department = resolveDepartment(options.department);
  // Earlier mention ranks higher: the page's own department comes in its title or breadcrumb.
  const mentionRank = new Map(departmentsInNormalized(t).map((d, i) => [d.name, i]));
  const candidates: (MatterCandidate & { rank: number })[] = [];
  for (const [n, { score, match }] of scores) {
    const matter = entries[n]!.matter;
    const departmentMatch = department ? matter.department === department.name : null;
    const final = departmentMatch === false ? score * OTHER_DEPARTMENT_FACTOR : score;
    if (final < minScore) continue;
    const rank = mentionRank.get(matter.department) ?? Infinity;
    candidates.push({ id: matter.id, score: final, match, matter, departmentMatch, rank });
  }
  candidates.sort((a, b) => b.score - a.score || a.rank - b.rank || a.matter.seq - b.matter.seq);
  return candidates.slice(0, limit).map(({ rank: _, ...c }) => c);
}

/** The best candidate when it reaches MATTER_MATCH_THRESHOLD, else null. */
export function bestMatter(text: string, options: Omit<MatchOptions, 'limit' | 'minScore'> = {}): MatterCandidate | null {
  return matchMatter(text, { ...options, limit: 1, minScore: MATTER_MATCH_THRESHOLD })[0] ?? null;
}

function resolveDepartment(name: string | undefined): Department | undefined {
  if (!name) return undefined;
  return findDepartment(name) ?? departmentsInNormalized(normalizeText(name))[0];
}

function findAll(t: string, s: string, minLength = 2): number[] {
  const out: number[] = [];
  if (s.length < minLength) return out;
  for (let at = t.indexOf(s); at >= 0; at = t.indexOf(s, at + 1)) out.push(at);
  return out;
}

/** Occurrences of entry n that do not lie inside an occurrence of a longer matter name. */
function freeOccurrences(occurrences: number[][], n: number, e: Entry): number[] {
  const own = occurrences[n]!;
  if (own.length === 0 || e.supers.length === 0) return own;
  return own.filter(
    (p) =>
      !e.supers.some((m) => {
        const len = index!.entries[m]!.norm.length;
        return occurrences[m]!.some((q) => q <= p && p + e.norm.length <= q + len);
      }),
  );
}

/** Gap (normalised characters, e.g. list numbering) allowed between two names of one list. */
const LIST_GAP = 3;

function isListed(spans: readonly (readonly [number, number])[], start: number, end: number): boolean {
  return spans.some(([s, e]) => (s >= end && s <= end + LIST_GAP) || (e <= start && e >= start - LIST_GAP));
}

/** Whether what surrounds the name at `at` is decoration only. */
function isExact(t: string, at: number, length: number): boolean {
  let rest = t.slice(0, at) + '\u0000' + t.slice(at + length);
  if (rest.length > EXACT_MAX_REMAINDER) return false;
  for (const d of index!.decorations) if (d) rest = rest.split(d).join('');
  return rest === '\u0000';
}

/**
 * Fuzzy tier. One pass over the text's bigrams collects hits per matter; a matter whose hits over the
 * whole text could not reach minScore is skipped; the others are scored on their best window (at most
 * 1.5× the name's length), so decorations outside the window cost nothing.
 */
function fuzzyScores(t: string, minScore: number, scores: Map<number, { score: number; match: MatchKind }>): void {
  const { entries, postings } = index!;
  const hits = new Map<number, number[]>();
  for (let i = 0; i + 1 < t.length; i++) {
    const list = postings.get(bigramKey(t, i));
    if (!list) continue;
    for (const code of list) {
      const n = code >> 10;
      if (scores.has(n)) continue;
      const h = hits.get(n);
      if (h) h.push(i, code & 1023);
      else hits.set(n, [i, code & 1023]);
    }
  }
  for (const [n, h] of hits) {
    const e = entries[n]!;
    const seen = new Uint8Array(e.weights.length);
    let covered = 0;
    for (let k = 1; k < h.length; k += 2) {
      const slot = h[k]!;
      if (!seen[slot]) {
        seen[slot] = 1;
        covered += e.weights[slot]!;
      }
    }
    const r = covered / e.total;
    if (FUZZY_CEILING * ((5 * r) / (4 + r)) < minScore) continue;
    const f = bestWindow(h, e);
    if (FUZZY_CEILING * f >= minScore) scores.set(n, { score: FUZZY_CEILING * f, match: 'fuzzy' });
  }
}

/**
 * Best F2 of recall (weighted distinct bigrams of the name) and precision (hit density) over windows,
 * scaled down when the window misses much of the name's distinctive part.
 */
function bestWindow(h: number[], e: Entry): number {
  const span = Math.ceil(1.5 * (e.norm.length - 1)) + 2;
  const count = new Uint16Array(e.weights.length);
  let covered = 0;
  let coveredD = 0;
  let inWindow = 0;
  let end = 0; // exclusive, in pairs
  let best = 0;
  const pairs = h.length / 2;
  for (let s = 0; s < pairs; s++) {
    const start = h[2 * s]!;
    while (end < pairs && h[2 * end]! < start + span) {
      const slot = h[2 * end + 1]!;
      const c = count[slot]!;
      count[slot] = c + 1;
      if (c === 0) {
        covered += e.weights[slot]!;
        coveredD += e.distinctive[slot]!;
      }
      inWindow++;
      end++;
    }
    const r = covered / e.total;
    const p = inWindow / (h[2 * (end - 1)]! - start + 1);
    const d = e.totalDistinctive > 0 ? coveredD / e.totalDistinctive : r;
    const f = ((5 * p * r) / (4 * p + r)) * Math.min(1, d / DISTINCTIVE_FULL);
    if (f > best) best = f;
    const slot = h[2 * s + 1]!;
    const c = count[slot]! - 1;
    count[slot] = c;
    if (c === 0) {
      covered -= e.weights[slot]!;
      coveredD -= e.distinctive[slot]!;
    }
    inWindow--;
  }
  return best;
}
