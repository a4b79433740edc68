/**
 * Catalogue search for people typing Chinese: a name fragment (取水), a department in any spelling
 * (水利局, 区城管局), an id (DZ164-057, 57), or a kind (注销). Several words narrow the search: every
 * word must fit a matter for it to rank well (水利 注销 → the water bureau's cancellations). A pasted
 * page title (取水许可证变更 - 网上申报 - 大足区水利局) is also scored by the page matcher.
 */
import { DEPARTMENTS, findDepartment } from './departments.js';
import { matchMatter } from './matcher.js';
import { MATTERS } from './matters.generated.js';
import { normalizeText } from './normalize.js';
import type { Matter, MatterId, MatterKind } from './types.js';

export type SearchField = 'id' | 'name' | 'department' | 'kind';

export interface SearchOptions {
  /** Most results (default 20). */
  limit?: number;
  /** Least score (default 0.3). */
  minScore?: number;
}

export interface SearchResult {
  id: MatterId;
  score: number;
  matter: Matter;
  /** Which fields the query words matched. */
  fields: SearchField[];
}

interface TermHit {
  score: number;
  field: SearchField | null;
}

/** What one query word can mean, worked out once per word rather than once per matter. */
interface Term {
  text: string;
  seq: number | null;
  kind: MatterKind | null;
  /** Departments the word names exactly (score 0.8) or as a fragment (0.65). */
  departments: Map<string, number>;
}

let normNames: string[] | undefined;
let spellingsByDepartment: (readonly [string, string[]])[] | undefined;
const KINDS = new Set<string>(MATTERS.map((m) => m.kind));

/** Matters for what a person typed, best first. Scores are in [0, 1]. */
export function searchCatalogue(query: string, options: SearchOptions = {}): SearchResult[] {
  normNames ??= MATTERS.map((m) => normalizeText(m.name));
  const limit = options.limit ?? 20;
  const minScore = options.minScore ?? 0.3;
  const whole = normalizeText(query);
  if (!whole) return [];
  // The whole query first: a name typed with spaces or punctuation is still one name.
  const words = query
    .normalize('NFKC')
    .split(/[\s,，;；、/|]+/u)
    .map(normalizeText)
    .filter((w) => w !== '')
    .map(term);
  const wholeTerm = term(whole);
  const titleMatches = matchMatter(query, { limit: MATTERS.length, minScore });
  const asTitle = new Map(titleMatches.map((c) => [c.id, c.score]));
  // The matcher's order breaks ties (it knows which department the title names).
  const titleRank = new Map(titleMatches.map((c, k) => [c.id, k]));
  const results: SearchResult[] = [];
  MATTERS.forEach((matter, i) => {
    const name = normNames![i]!;
    const asOne = termScore(wholeTerm, matter, name);
    const titleScore = asTitle.get(matter.id) ?? 0;
    let score = Math.max(asOne.score, titleScore);
    let fields: SearchField[] = asOne.field && asOne.score >= titleScore ? [asOne.field] : titleScore > 0 ? ['name'] : [];
    if (words.length > 1) {
      const perWord = words.map((w) => termScore(w, matter, name));
      // Mean, but a word that fits nothing drags hard: all words should describe the matter.
      const mean = perWord.reduce((s, h) => s + h.score, 0) / perWord.length;
      const worst = Math.min(...perWord.map((h) => h.score));
      const combined = mean * (0.5 + 0.5 * Math.min(1, worst / 0.5));
      if (combined > score) {
        score = combined;
        fields = [...new Set(perWord.flatMap((h) => (h.field ? [h.field] : [])))];
      }
    }
    if (score >= minScore) results.push({ id: matter.id, score, matter, fields });
  });
  const rank = (r: SearchResult) => titleRank.get(r.id) ?? Infinity;
  results.sort((a, b) => b.score - a.score || rank(a) - rank(b) || a.matter.seq - b.matter.seq);
  return results.slice(0, limit);
}

function term(text: string): Term {
  const id = /^(?:dz164)?0*(\d{1,3})$/.exec(text);
  spellingsByDepartment ??= DEPARTMENTS.map((d) => [d.name, [d.name, d.shortName, ...d.aliases].map(normalizeText)] as const);
  const departments = new Map<string, number>();
  const exact = findDepartment(text);
  if (exact) departments.set(exact.name, 0.8);
  else if (text.length >= 2) {
    for (const [name, spellings] of spellingsByDepartment) if (spellings.some((s) => s.includes(text))) departments.set(name, 0.65);
  }
  return { text, seq: id ? Number(id[1]) : null, kind: KINDS.has(text) ? (text as MatterKind) : null, departments };
}

function termScore(t: Term, matter: Matter, name: string): TermHit {
  let best = nameScore(t.text, name);
  const consider = (score: number, field: SearchField) => {
    if (score > best.score) best = { score, field };
  };
  if (t.seq === matter.seq) consider(1, 'id');
  if (t.kind === matter.kind) consider(0.7, 'kind');
  consider(t.departments.get(matter.department) ?? 0, 'department');
  return best;
}

/** A fragment of the name scores by how much of the name it covers; a near-miss by shared bigrams. */
function nameScore(term: string, name: string): TermHit {
  if (name === term) return { score: 1, field: 'name' };
  if (name.includes(term)) return { score: 0.6 + 0.35 * (term.length / name.length), field: 'name' };
  if (term.length < 3) return { score: 0, field: null };
  let shared = 0;
  for (let i = 0; i + 1 < term.length; i++) if (name.includes(term.slice(i, i + 2))) shared++;
  const recall = shared / (term.length - 1);
  // Typos and small omissions (取水许可变更 for 取水许可证变更) still find the matter, below true fragments.
  return recall >= 0.6 ? { score: 0.55 * recall, field: 'name' } : { score: 0, field: null };
}
