/** Time as spec §0 has it: integer unix seconds, a caller-supplied clock, and a skew. */

export const DEFAULT_SKEW = 60;

export interface TimeOptions {
  /** Verification time, unix seconds (defaults to the system clock). Audits pass the recorded time. */
  readonly now?: number;
  /** Allowed clock skew in seconds (default 60). */
  readonly skew?: number;
}

export function isUnixTime(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

export function currentUnixTime(): number {
  return Math.floor(Date.now() / 1000);
}
