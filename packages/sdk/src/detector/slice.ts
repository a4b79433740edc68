/**
 * Time slicing for the incremental scanner: runs a resumable walk (walk.ts `walkSteps`) in slices of
 * a few milliseconds and gives the main thread back between them, so a full scan of a large page is
 * many short tasks instead of one long one.
 */
import type { WalkState } from './walk.js';

export interface SliceOptions {
  /** Work per slice before yielding to the page, in ms (default 8). */
  budgetMs?: number;
  /**
   * Gives the main thread back between slices (default `yieldToPage`: scheduler.yield where it
   * exists, else a MessageChannel message, else setTimeout 0). Tests inject their own.
   */
  yieldFn?: () => Promise<unknown>;
  /** Elements read between two looks at the clock (default 100). */
  checkEvery?: number;
}

const scheduler = (): { yield?: () => Promise<void> } | undefined => (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;

/** Lets the page run: scheduler.yield where it exists, else a MessageChannel message, else setTimeout 0. */
export function yieldToPage(): Promise<void> {
  const s = scheduler();
  if (typeof s?.yield === 'function') return s.yield();
  return macrotask();
}

/** A new task behind what is already queued (timers, input): MessageChannel, else setTimeout 0. */
export function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `steps` to the end. Each time the walk pauses (every `checkEvery` elements) the clock is read;
 * once the slice has used its budget, yields to the page and then calls `afterPause`, which returns
 * false to stop early.
 */
export async function drive(steps: Generator<void, void, void>, state: WalkState, o: SliceOptions, afterPause: () => boolean): Promise<void> {
  const budget = o.budgetMs ?? 8;
  const every = Math.max(1, o.checkEvery ?? 100);
  const yieldFn = o.yieldFn ?? yieldToPage;
  let t0 = performance.now();
  state.pauseAt = state.elements + every;
  while (!steps.next().done) {
    if (performance.now() - t0 >= budget) {
      await yieldFn();
      t0 = performance.now();
      if (!afterPause()) return;
    }
    if (state.pauseAt !== Infinity) state.pauseAt = state.elements + every;
  }
}

/** Whether a mutation removed (or moved) a node the paused walk stands on or inside. */
export function cutsCursor(records: readonly MutationRecord[], cursor: readonly Node[]): boolean {
  for (const r of records) {
    if (r.type !== 'childList') continue;
    for (const n of Array.from(r.removedNodes)) for (const c of cursor) if (n === c || n.contains(c)) return true;
  }
  return false;
}
