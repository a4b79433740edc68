/**
 * Replay protection (spec §2): a presentation's (iss, jti) is accepted once before its `exp`.
 * The store's one operation is atomic check-and-remember, so a shared store (Redis `SET key 1 NX
 * EXAT t`) makes several servers refuse the same presentation the second time.
 */

export interface ReplayStore {
  /**
   * Remembers `key` until `expiresAt` (unix s) and returns true, or returns false when the key is
   * already remembered and not yet expired. Must be atomic for stores shared between processes.
   */
  remember(key: string, expiresAt: number, now: number): Promise<boolean>;
}

export interface MemoryReplayStoreOptions {
  /** Upper bound on remembered entries (default 100,000 ≈ a few MB). */
  readonly maxEntries?: number;
}

/**
 * In-process store, bounded: expired entries are swept first; when still full, the entry closest to
 * expiry is dropped (it is the one whose replay window is shortest), so memory stays bounded even
 * under a flood of fresh presentations.
 */
export class MemoryReplayStore implements ReplayStore {
  readonly #entries = new Map<string, number>();
  readonly #max: number;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.#max = Math.max(1, options.maxEntries ?? 100_000);
  }

  get size(): number {
    return this.#entries.size;
  }

  async remember(key: string, expiresAt: number, now: number): Promise<boolean> {
    const until = this.#entries.get(key);
    if (until !== undefined && until > now) return false;
    if (until === undefined && this.#entries.size >= this.#max) this.#makeRoom(now);
    this.#entries.set(key, expiresAt);
    return true;
  }

  #makeRoom(now: number): void {
    for (const [key, until] of this.#entries) if (until <= now) this.#entries.delete(key);
    if (this.#entries.size < this.#max) return;
    let soonestKey: string | undefined;
    let soonest = Infinity;
    for (const [key, until] of this.#entries) {
      if (until < soonest) [soonest, soonestKey] = [until, key];
    }
    if (soonestKey !== undefined) this.#entries.delete(soonestKey);
  }
}

/** The key under which a presentation is remembered. */
export function replayKey(iss: string, jti: string): string {
  return JSON.stringify([iss, jti]);
}
