/**
 * Where an online check against the national e-licence platform plugs in.
 *
 * Contract (no real endpoint is assumed here — an adapter wraps whatever interface the department
 * is authorised to call, e.g. through the municipal data-sharing exchange):
 * - `check` receives the verified subject (USCC, name) and the presentation's issuer and jti, and an
 *   AbortSignal that fires at the service's deadline; it must stop work when it fires.
 * - It answers the entity's *current* registration state as the platform knows it, with the time
 *   of that knowledge and an optional reference (a query id for the case file).
 * - Not knowing is `unavailable`, never a refusal: a timeout, a network error or an unexpected
 *   answer says nothing against the licence (the SDK's STATUS_UNKNOWN rule, spec §8).
 * - It runs only after the offline verification passed; it can refuse a licence, never rescue one.
 */
import type { LicenceStatus } from '@yizhao/sdk';

export interface OnlineCheckQuery {
  readonly uscc: string;
  readonly name: string;
  readonly iss: string;
  readonly jti: string;
}

export type OnlineCheckAnswer =
  | { readonly state: LicenceStatus; readonly checkedAt: number; readonly reference?: string }
  | { readonly state: 'unavailable'; readonly reason: string };

export interface OnlineLicenceCheck {
  /** Shown in responses and logs, e.g. "mock" or "gsxt-exchange". */
  readonly name: string;
  check(query: OnlineCheckQuery, signal: AbortSignal): Promise<OnlineCheckAnswer>;
}

/** Runs an adapter under a deadline; a throw, a rejection or the deadline is `unavailable`. */
export async function runOnlineCheck(adapter: OnlineLicenceCheck, query: OnlineCheckQuery, timeoutMs: number): Promise<OnlineCheckAnswer> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<OnlineCheckAnswer>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ state: 'unavailable', reason: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      adapter.check(query, controller.signal).catch((e: unknown): OnlineCheckAnswer => ({ state: 'unavailable', reason: e instanceof Error ? e.message : String(e) })),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface MockOptions {
  /** Answer after this many milliseconds (default 0). */
  delayMs?: number;
  /** Simulate an outage: every check fails. */
  down?: boolean;
}

/**
 * A local stand-in used by tests and the demo: a table of USCC → state. Unknown entities are
 * `unavailable` (the mock does not pretend to know them).
 */
export class MockOnlineCheck implements OnlineLicenceCheck {
  readonly name = 'mock';
  readonly queries: OnlineCheckQuery[] = [];
  readonly #states: Map<string, LicenceStatus>;
  readonly #options: MockOptions;

  constructor(states: Record<string, LicenceStatus>, options: MockOptions = {}) {
    this.#states = new Map(Object.entries(states));
    this.#options = options;
  }

  async check(query: OnlineCheckQuery, signal: AbortSignal): Promise<OnlineCheckAnswer> {
    this.queries.push(query);
    if (this.#options.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, this.#options.delayMs);
        signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
      });
    }
    if (this.#options.down) throw new Error('platform unreachable (simulated)');
    const state = this.#states.get(query.uscc);
    return state ? { state, checkedAt: Math.floor(Date.now() / 1000), reference: `mock-${this.queries.length}` } : { state: 'unavailable', reason: 'entity unknown to the mock' };
  }
}
