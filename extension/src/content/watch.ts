/**
 * Keeps a frame's findings current: one full scan, then the detector's incremental scanner fed with
 * MutationRecords (of the document and of every open shadow root), throttled so a page that mutates
 * non-stop keeps its main thread: the pause after a scan grows with what the scan cost. Scans and
 * updates run time-sliced (slices of about 8 ms, the page's own tasks in between): no long task.
 */
import { createIncrementalScanner, macrotask, type Finding, type IncrementalScanner, type PageMatter } from '@yizhao/sdk';

export interface ScanStats {
  /** Full scans and updates. */
  scans: number;
  /** Work (sum of its slices) of the last scan or update, ms. */
  lastMs: number;
  /** Longest single slice: the longest main-thread task scanning caused, ms. */
  maxMs: number;
  totalMs: number;
  slices: number;
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
/** Work per slice before the page gets its main thread back. */
const BUDGET_MS = 8;
const OBSERVE: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['hidden', 'style', 'role', 'type', 'open', 'aria-label', 'aria-labelledby', 'placeholder', 'title', 'value', 'for'],
};

export function watchPage(doc: Document, own: Element, onChange: (w: Watcher) => void): Watcher {
  const scanner: IncrementalScanner = createIncrementalScanner(doc, { frames: false });
  const stats: ScanStats = { scans: 0, lastMs: 0, maxMs: 0, totalMs: 0, slices: 0, elements: 0, truncated: false };
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

  // Slices are timed from the scanner's resumption to its next yield (or the end of the job).
  let running = false;
  let stopped = false;
  let sliceStart = 0;
  let work = 0;
  const endSlice = () => {
    const ms = performance.now() - sliceStart;
    work += ms;
    stats.slices++;
    stats.maxMs = Math.max(stats.maxMs, ms);
  };
  // A new task behind the page's queued timers and input (scheduler.yield's continuation would jump ahead of them).
  const slicing = {
    budgetMs: BUDGET_MS,
    yieldFn: async () => {
      endSlice();
      await macrotask();
      sliceStart = performance.now();
    },
  };

  const timed = async (fn: () => Promise<void>) => {
    running = true;
    work = 0;
    sliceStart = performance.now();
    try {
      await fn();
    } finally {
      endSlice();
      running = false;
    }
    stats.scans++;
    stats.lastMs = work;
    stats.totalMs += work;
  };

  /** The scanner watched the document itself while it ran and applied what changed: drop those records (shadow roots' stay). */
  const covered = () => {
    const outside = (r: MutationRecord) => r.target.getRootNode() !== doc;
    queue = [...queue, ...observer.takeRecords()].filter(outside);
    overflow = false;
  };

  const full = () =>
    timed(async () => {
      covered();
      const r = await scanner.scanSliced(slicing);
      matter = r.matter;
      stats.elements = r.elements;
      stats.truncated = r.truncated;
      observeShadows([doc]);
      covered();
    });

  const run = async () => {
    timer = null;
    if (running || stopped) return;
    const records = queue;
    const wasOverflow = overflow;
    queue = [];
    overflow = false;
    if (wasOverflow) await full();
    else if (records.length) {
      await timed(async () => {
        await scanner.updateSliced(records, slicing);
        const added = records.flatMap((r) => (r.type === 'childList' ? [...r.addedNodes] : [])).slice(0, 500);
        if (added.length) observeShadows(added);
        covered();
      });
    } else return;
    if (stopped) return;
    onChange(api);
    if (queue.length || overflow) schedule();
  };

  function schedule() {
    if (timer !== null) return;
    timer = setTimeout(() => void run(), Math.max(MIN_PAUSE, stats.lastMs * PAUSE_FACTOR));
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
      stopped = true;
      observer.disconnect();
      if (timer !== null) clearTimeout(timer);
    },
  };

  observer.observe(doc, OBSERVE);
  void full().then(() => {
    if (stopped) return;
    onChange(api);
    if (queue.length || overflow) schedule();
  });
  return api;
}
