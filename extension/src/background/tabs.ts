/**
 * What every frame of a tab reported, put together: the tab's total (the top overlay's
 * `data-yizhao-findings`), the numbered list and the page's matter. Kept in storage.session as well
 * as in memory, because the service worker may be stopped between two reports.
 */
import { ext } from '../shared/browser.js';
import type { FindingDto, MatterDto, TabItem, TabSnapshot } from '../shared/messages.js';

export interface FrameState {
  timeOrigin: number;
  url: string;
  title: string;
  site: string;
  matter: MatterDto | null;
  findings: FindingDto[];
  count: number;
}

export type TabState = Record<string, FrameState>;

const cache = new Map<number, TabState>();
const queues = new Map<number, Promise<unknown>>();
const key = (tabId: number) => `tab:${tabId}`;

async function load(tabId: number): Promise<TabState> {
  const held = cache.get(tabId);
  if (held) return held;
  const got = (await ext.storage.session.get(key(tabId)))[key(tabId)] as TabState | undefined;
  const state = got ?? {};
  cache.set(tabId, state);
  return state;
}

/** Serialised read-modify-write of one tab's state (messages from several frames interleave). */
export function updateTab(tabId: number, fn: (s: TabState) => TabState): Promise<TabState> {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(async () => {
    const next = fn(await load(tabId));
    cache.set(tabId, next);
    await ext.storage.session.set({ [key(tabId)]: next });
    return next;
  });
  queues.set(tabId, run.catch(() => undefined));
  return run;
}

export async function readTab(tabId: number): Promise<TabState> {
  await queues.get(tabId);
  return load(tabId);
}

export async function forgetTab(tabId: number): Promise<void> {
  cache.delete(tabId);
  queues.delete(tabId);
  await ext.storage.session.remove(key(tabId));
}

/** A new top document: frames older than it belonged to the previous page. */
export function startPage(state: TabState, timeOrigin: number): TabState {
  return Object.fromEntries(Object.entries(state).filter(([, f]) => f.timeOrigin >= timeOrigin));
}

export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.slice(0, 253);
  } catch {
    return '';
  }
}

/** Frames in frameId order (top first), findings in document order within each. */
export function snapshot(state: TabState): TabSnapshot {
  const frames = Object.entries(state)
    .map(([id, f]) => ({ frameId: Number(id), ...f }))
    .sort((a, b) => a.frameId - b.frameId);
  const items: TabItem[] = [];
  for (const f of frames) for (const x of f.findings) items.push({ ...x, frameId: f.frameId, site: f.site, number: items.length + 1 });
  const top = frames.find((f) => f.frameId === 0);
  return {
    total: frames.reduce((n, f) => n + f.count, 0),
    items,
    matter: top?.matter ?? frames.find((f) => f.matter)?.matter ?? null,
    page: top ? { url: top.url, title: top.title } : null,
  };
}

const pending = new Map<number, ReturnType<typeof setTimeout>>();

/** Sends the tab's snapshot to all its frames, coalescing bursts of reports. */
export function broadcast(tabId: number): void {
  if (pending.has(tabId)) return;
  pending.set(
    tabId,
    setTimeout(async () => {
      pending.delete(tabId);
      const snap = snapshot(await readTab(tabId));
      await ext.tabs.sendMessage(tabId, { type: 'tab', snapshot: snap }).catch(() => undefined);
    }, 40),
  );
}
