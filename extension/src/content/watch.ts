/**
 * Keeps a frame's findings current: one full scan, then the detector's incremental scanner fed with
 * MutationRecords (of the document and of every open shadow root), throttled so a page that mutates
 * non-stop keeps its main thread: the pause after a scan grows with what the scan cost.
 */
import { createIncrementalScanner, type Finding, type IncrementalScanner, type PageMatter } from '@yizhao/sdk';

export interface ScanStats {
  scans: number;
  lastMs: number;
  maxMs: number;
  totalMs: number;
  elements: number;
  truncated: boolean;
}

export interface Watcher {
  readonly findings: Finding[];
  readonly matter: PageMatter | null;
  readonly stats: ScanStats;
  stop(): void;
}

const MIN_PAUSE = 250;
/** Scanning takes at most about 1/(1+4) of the main thread while the page keeps mutating. */
const PAUSE_FACTOR = 4;
/** Past this many queued records a full rescan is cheaper than sorting them out. */
const MAX_QUEUE = 5000;
const OBSERVE: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['hidden', 'style', 'role', 'type', 'open', 'aria-label', 'aria-labelledby', 'placeholder', 'title', 'value', 'for'],
};

export function watchPage(doc: Document, own: Element, onChange: (w: Watcher) => void): Watcher {
  const scanner: IncrementalScanner = createIncrementalScanner(doc, { frames: false });
  const stats: ScanStats = { scans: 0, lastMs: 0, maxMs: 0, totalMs: 0, elements: 0, truncated: false };
  let matter: PageMatter | null = null;
  let queue: MutationRecord[] = [];
  let overflow = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const observed = new WeakSet<Node>();
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      // Our own overlay host coming and going is not page content.
      if (r.target === own || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n === own))) continue;
      if (queue.length >= MAX_QUEUE) overflow = true;
      else queue.push(r);
    }
    if (queue.length || overflow) schedule();
  });

  const observeShadows = (roots: Iterable<Node>) => {
    let budget = 20_000;
    for (const root of roots) {
      if (root.nodeType !== 1 && root.nodeType !== 9) continue;
      const els = (root as ParentNode).querySelectorAll('*');
      for (let i = 0; i < els.length && budget-- > 0; i++) {
        const sr = els[i]!.shadowRoot;
        if (sr && !observed.has(sr)) {
          observed.add(sr);
          observer.observe(sr, OBSERVE);
          observeShadows([...sr.children]);
        }
      }
      const self = (root as Element).shadowRoot;
      if (self && !observed.has(self)) {
        observed.add(self);
        observer.observe(self, OBSERVE);
      }
    }
  };

  const timed = (fn: () => void) => {
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    stats.scans++;
    stats.lastMs = ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    stats.totalMs += ms;
  };

  const full = () =>
    timed(() => {
      const r = scanner.scan();
      matter = r.matter;
      stats.elements = r.elements;
      stats.truncated = r.truncated;
      observeShadows([doc]);
    });

  const run = () => {
    timer = null;
    const records = queue;
    const wasOverflow = overflow;
    queue = [];
    overflow = false;
    if (wasOverflow) full();
    else {
      timed(() => {
        scanner.update(records);
        const added = records.flatMap((r) => (r.type === 'childList' ? [...r.addedNodes] : [])).slice(0, 500);
        if (added.length) observeShadows(added);
      });
    }
    onChange(api);
  };

  function schedule() {
    if (timer !== null) return;
    timer = setTimeout(run, Math.max(MIN_PAUSE, stats.lastMs * PAUSE_FACTOR));
  }

  const api: Watcher = {
    get findings() {
      return scanner.findings;
    },
    get matter() {
      return matter;
    },
    stats,
    stop() {
      observer.disconnect();
      if (timer !== null) clearTimeout(timer);
    },
  };

  full();
  observer.observe(doc, OBSERVE);
  onChange(api);
  return api;
}
