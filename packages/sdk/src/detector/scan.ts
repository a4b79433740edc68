/**
 * Scanning a page: walk the DOM into units, apply the rules, keep what is shown, and name the
 * matter. `createIncrementalScanner` keeps the findings per unit so that a DOM mutation only costs
 * re-reading the units it touched (the extension's content script feeds it MutationRecords).
 */
import type { Messages } from '../codes.js';
import en from './locales/en.json' with { type: 'json' };
import zhCN from './locales/zh-CN.json' with { type: 'json' };
import { compileRules, defaultRules, evaluateUnit, type CompiledRule } from './match.js';
import { pageMatter, type PageMatter } from './matter.js';
import type { DetectorRule, PolicyCitation, Severity, UnitKind } from './rules.js';
import { selectorOf } from './selector.js';
import { cutsCursor, drive, type SliceOptions } from './slice.js';
import { DEFAULT_LIMITS, isBoundary, isField, isSkipped, unitOf, walk, walkSteps, type Unit, type WalkState } from './walk.js';

export interface Finding {
  rule: string;
  severity: Severity;
  /** The matched phrase, as shown (white space collapsed). */
  match: string;
  /** The flagged element's text, as shown (for a field: its labels, aria-label, title, placeholder). */
  text: string;
  /** CSS selector; the parts inside frames and shadow roots joined with ` >>> ` (spec §9). */
  selector: string;
  unit: UnitKind;
  message: Messages;
  policy: PolicyCitation;
  /** The flagged element itself (not serialised). */
  element: Element;
}

export interface ScanOptions {
  /** Rules to apply (default RULES). Messages are looked up by rule id in the detector's locale files. */
  rules?: readonly DetectorRule[];
  /**
   * `auto` (default): where the DOM knows layout (a browser: Element.checkVisibility), drop findings on
   * elements not shown. `markup`: only the `hidden` attribute and inline display:none count (a Node DOM
   * does this either way).
   */
  visibility?: 'auto' | 'markup';
  /** Read same-origin iframes (default true; false when a content script already runs in every frame). */
  frames?: boolean;
  /** Name the page's catalogue matter (default true). */
  matter?: boolean;
  maxElements?: number;
  maxUnitChars?: number;
}

export interface PageScan {
  matter: PageMatter | null;
  findings: Finding[];
  /** Elements read, and whether a budget cut the scan short. */
  elements: number;
  truncated: boolean;
}

type ScanRoot = Document | Element | DocumentFragment;

const MESSAGES: Record<'zh-CN' | 'en', Record<string, string>> = { 'zh-CN': zhCN, en };

export function detectorMessage(ruleId: string): Messages {
  return { 'zh-CN': MESSAGES['zh-CN'][ruleId] ?? ruleId, en: MESSAGES.en[ruleId] ?? ruleId };
}

function isShown(el: Element): boolean {
  const check = (el as { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check !== 'function') return true;
  // display:contents boxes report invisible although their content shows.
  return check.call(el, { visibilityProperty: true, checkVisibilityCSS: true }) || getComputedStyleSafe(el) === 'contents';
}

function getComputedStyleSafe(el: Element): string | null {
  try {
    return el.ownerDocument.defaultView?.getComputedStyle(el).display ?? null;
  } catch {
    return null;
  }
}

class Engine {
  readonly rules: CompiledRule[];
  constructor(readonly options: ScanOptions) {
    this.rules = options.rules ? compileRules(options.rules) : defaultRules();
  }

  state(emit: (u: Unit) => void): WalkState {
    const o = this.options;
    return {
      limits: { maxElements: o.maxElements ?? DEFAULT_LIMITS.maxElements, maxUnitChars: o.maxUnitChars ?? DEFAULT_LIMITS.maxUnitChars, frames: o.frames ?? true },
      elements: 0,
      truncated: false,
      emit,
      pauseAt: Infinity,
      cursor: [],
      lost: false,
    };
  }

  findings(unit: Unit): Finding[] {
    const { text, matches } = evaluateUnit(unit.raw, unit.kind, unit.fieldType, this.rules, unit.context, unit.next);
    if (!text || matches.length === 0) return [];
    if (this.options.visibility !== 'markup' && ![unit.el, ...(unit.also ?? [])].some(isShown)) return [];
    const selector = unit.prefix + selectorOf(unit.el);
    return matches.map(({ rule, match }) => ({
      rule: rule.id,
      severity: rule.severity,
      match,
      text: text.display,
      selector,
      unit: unit.kind,
      message: detectorMessage(rule.id),
      policy: rule.policy,
      element: unit.el,
    }));
  }
}

function documentOf(root: ScanRoot): Document | null {
  return root.nodeType === 9 ? (root as Document) : (root.ownerDocument ?? null);
}

/** Scans a whole document (or any subtree) once. */
export function scanPage(root: ScanRoot, options: ScanOptions = {}): PageScan {
  const engine = new Engine(options);
  const findings: Finding[] = [];
  const state = engine.state((u) => findings.push(...engine.findings(u)));
  walk(root, state);
  const doc = documentOf(root);
  return { matter: options.matter !== false && doc ? pageMatter(doc) : null, findings, elements: state.elements, truncated: state.truncated };
}

export interface ScanDelta {
  added: Finding[];
  removed: Finding[];
}

export interface IncrementalScanner {
  /** Full scan; replaces what was known (and abandons a sliced scan or update in progress). */
  scan(): PageScan;
  /**
   * Re-reads only the units the mutations touched. While a sliced scan or update is in progress the
   * records are queued and applied when it finishes (the delta returned is then empty).
   */
  update(records: Iterable<MutationRecord>): ScanDelta;
  /**
   * `scan()` in slices of about `budgetMs`, yielding to the page between them. Mutations made while it
   * is paused are watched (MutationObserver on the root) and applied with `update()` before it
   * resolves; a mutation that removes the node the walk stands on restarts the walk. The findings
   * equal a synchronous scan's (in the same order when nothing changed meanwhile; in document order
   * otherwise). Sliced calls run one after the other.
   */
  scanSliced(options?: SliceOptions): Promise<PageScan>;
  /** `update()` in slices, for large batches (a mutation storm adding thousands of nodes). */
  updateSliced(records: Iterable<MutationRecord>, options?: SliceOptions): Promise<ScanDelta>;
  /** Current findings in document order. */
  readonly findings: Finding[];
}

const RESCAN_ATTRIBUTES = new Set(['hidden', 'style', 'role', 'type', 'open']);

function hiddenByAncestor(node: Node): boolean {
  for (let p = node.parentNode; p && p.nodeType === 1; p = p.parentNode) if (isSkipped(p as Element)) return true;
  return false;
}

export function createIncrementalScanner(root: ScanRoot, options: ScanOptions = {}): IncrementalScanner {
  const engine = new Engine(options);
  const byUnit = new Map<Element, Finding[]>();
  const collect = (into: Finding[]) => (u: Unit) => {
    const fs = engine.findings(u);
    if (!fs.length) return;
    byUnit.set(u.el, [...(byUnit.get(u.el) ?? []), ...fs]);
    into.push(...fs);
  };
  const drop = (el: Element, removed: Finding[]) => {
    const fs = byUnit.get(el);
    if (fs) removed.push(...fs);
    byUnit.delete(el);
  };

  /** The sliced scan or update in progress: mutations seen while it was paused, and whether one cut the walk. */
  interface Job {
    records: MutationRecord[];
    invalid: boolean;
  }
  let job: Job | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Walks one scope; walks it again when a mutation during a pause removed the ground under the walk. */
  function* task(scope: Node, shallow: boolean, state: WalkState, prep: () => boolean): Generator<void, void, void> {
    for (let attempt = 1; ; attempt++) {
      if (!prep()) return;
      const elements = state.elements;
      const truncated = state.truncated;
      const steps = walkSteps(scope, state, '', shallow);
      let cut = false;
      while (!steps.next().done) {
        yield;
        if (job?.invalid) {
          cut = true;
          break;
        }
      }
      if (!cut && !state.lost) return;
      if (job) job.invalid = false;
      Object.assign(state, { lost: false, elements, truncated });
      // A page that keeps pulling the ground away: the third attempt runs without pausing.
      if (attempt >= 2) state.pauseAt = Infinity;
    }
  }

  function* updateSteps(records: Iterable<MutationRecord>, state: WalkState, removed: Finding[]): Generator<void, void, void> {
    const deep = new Set<Node>();
    const shallow = new Set<Node>();
    const add = (set: Set<Node>, n: Node | null) => n && set.add(n);
    for (const r of records) {
      const target = r.target;
      if (r.type === 'characterData') add(shallow, unitOf(target));
      else if (r.type === 'attributes') {
        const el = target as Element;
        if (isField(el)) shallow.add(el);
        else if (r.attributeName && RESCAN_ATTRIBUTES.has(r.attributeName)) {
          deep.add(el);
          if (!isBoundary(el)) add(shallow, unitOf(el));
        }
      } else {
        const parentUnit = unitOf(target);
        add(shallow, parentUnit);
        const inRow = parentUnit?.nodeType === 1 && (parentUnit as Element).localName === 'tr';
        for (const n of Array.from(r.addedNodes)) {
          if (n.nodeType !== 1) continue;
          // Inside a row the row is the unit (already re-read); only fields there are units of their own.
          if (!inRow) deep.add(n);
          else for (const f of [n as Element, ...Array.from((n as Element).querySelectorAll('input, select, textarea'))]) if (isField(f)) shallow.add(f);
        }
      }
    }
    for (const el of [...byUnit.keys()]) if (!el.isConnected) drop(el, removed);
    const deepList = [...deep].filter((n) => n.isConnected);
    const outer = deepList.filter((n) => !deepList.some((d) => d !== n && d.contains(n)));
    for (const scope of outer) {
      yield* task(scope, false, state, () => {
        for (const el of [...byUnit.keys()]) if (scope.contains(el)) drop(el, removed);
        return scope.isConnected && !hiddenByAncestor(scope);
      });
    }
    for (const scope of shallow) {
      if (!scope.isConnected || outer.some((d) => d.contains(scope))) continue;
      yield* task(scope, true, state, () => {
        if (scope.nodeType === 1) drop(scope as Element, removed);
        return scope.isConnected && !hiddenByAncestor(scope);
      });
    }
  }

  /**
   * Runs `steps` in slices under a MutationObserver on the root, then applies what changed meanwhile
   * (itself in slices, twice at most, then at once). Resolves to whether nothing changed meanwhile.
   */
  const sliced = (steps: Generator<void, void, void>, state: WalkState, o: SliceOptions): Promise<boolean> => {
    const run = async (): Promise<boolean> => {
      const view = documentOf(root)?.defaultView as { MutationObserver?: typeof MutationObserver } | null | undefined;
      const MO = view?.MutationObserver ?? (globalThis as { MutationObserver?: typeof MutationObserver }).MutationObserver;
      if (!MO) {
        while (!steps.next().done);
        return true;
      }
      const j: Job = { records: [], invalid: false };
      job = j;
      // Records delivered to the callback (a microtask after each mutation) and those still queued.
      let seen: MutationRecord[] = [];
      const mo = new MO((records) => seen.push(...records));
      const take = () => {
        const records = [...seen, ...mo.takeRecords()];
        seen = [];
        return records;
      };
      mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      let current = state;
      const afterPause = () => {
        if (job !== j) return false;
        const records = take();
        j.records.push(...records);
        if (records.length && cutsCursor(records, current.cursor)) j.invalid = true;
        return true;
      };
      let clean = true;
      try {
        await drive(steps, state, o, afterPause);
        for (let round = 0; job === j; round++) {
          j.records.push(...take());
          if (!j.records.length) break;
          clean = false;
          const records = j.records;
          j.records = [];
          current = engine.state(collect([]));
          const up = updateSteps(records, current, []);
          if (round < 2) await drive(up, current, o, afterPause);
          else while (!up.next().done);
        }
        // Abandoned by scan(): what is known now is that scan's.
        if (job !== j) clean = false;
      } finally {
        mo.disconnect();
        if (job === j) job = null;
      }
      return clean;
    };
    const p = queue.then(run);
    queue = p.catch(() => undefined);
    return p;
  };

  const all = () => [...byUnit.values()].flat();

  const api: IncrementalScanner = {
    scan() {
      job = null;
      byUnit.clear();
      const found: Finding[] = [];
      const state = engine.state(collect(found));
      walk(root, state);
      const doc = documentOf(root);
      return { matter: options.matter !== false && doc ? pageMatter(doc) : null, findings: found, elements: state.elements, truncated: state.truncated };
    },
    update(records) {
      if (job) {
        job.records.push(...records);
        return { added: [], removed: [] };
      }
      const removed: Finding[] = [];
      const added: Finding[] = [];
      const steps = updateSteps(records, engine.state(collect(added)), removed);
      while (!steps.next().done);
      return { added, removed };
    },
    async scanSliced(o = {}) {
      const found: Finding[] = [];
      const state = engine.state(collect(found));
      const steps = task(root, false, state, () => {
        byUnit.clear();
        found.length = 0;
        return true;
      });
      const clean = await sliced(steps, state, o);
      const doc = documentOf(root);
      return { matter: options.matter !== false && doc ? pageMatter(doc) : null, findings: clean ? found : api.findings, elements: state.elements, truncated: state.truncated };
    },
    async updateSliced(records, o = {}) {
      const list = [...records];
      let before = new Set<Finding>();
      const state = engine.state(collect([]));
      const steps = (function* () {
        before = new Set(all());
        yield* updateSteps(list, state, []);
      })();
      await sliced(steps, state, o);
      const after = new Set(all());
      return { added: [...after].filter((f) => !before.has(f)), removed: [...before].filter((f) => !after.has(f)) };
    },
    get findings() {
      const els = [...byUnit.keys()].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
      return els.flatMap((el) => byUnit.get(el) ?? []);
    },
  };
  return api;
}
