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
import { DEFAULT_LIMITS, isBoundary, isField, isSkipped, unitOf, walk, type Unit, type WalkState } from './walk.js';

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
    };
  }

  findings(unit: Unit): Finding[] {
    const { text, matches } = evaluateUnit(unit.raw, unit.kind, unit.fieldType, this.rules, unit.context);
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
  /** Full scan; replaces what was known. */
  scan(): PageScan;
  /** Re-reads only the units the mutations touched. */
  update(records: Iterable<MutationRecord>): ScanDelta;
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

  const api: IncrementalScanner = {
    scan() {
      byUnit.clear();
      const found: Finding[] = [];
      const state = engine.state(collect(found));
      walk(root, state);
      const doc = documentOf(root);
      return { matter: options.matter !== false && doc ? pageMatter(doc) : null, findings: found, elements: state.elements, truncated: state.truncated };
    },
    update(records) {
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
      const removed: Finding[] = [];
      const added: Finding[] = [];
      for (const el of [...byUnit.keys()]) if (!el.isConnected) drop(el, removed);
      const deepList = [...deep].filter((n) => n.isConnected);
      const outer = deepList.filter((n) => !deepList.some((d) => d !== n && d.contains(n)));
      const state = engine.state(collect(added));
      for (const scope of outer) {
        for (const el of [...byUnit.keys()]) if (scope.contains(el)) drop(el, removed);
        if (!hiddenByAncestor(scope)) walk(scope, state);
      }
      for (const scope of shallow) {
        if (!scope.isConnected || outer.some((d) => d.contains(scope))) continue;
        if (scope.nodeType === 1) drop(scope as Element, removed);
        if (!hiddenByAncestor(scope)) walk(scope, state, '', true);
      }
      return { added, removed };
    },
    get findings() {
      const els = [...byUnit.keys()].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
      return els.flatMap((el) => byUnit.get(el) ?? []);
    },
  };
  return api;
}
