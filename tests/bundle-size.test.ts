/**
 * Guards the browser weight of the verify path (issue target: ≤ 40 KB gzip loaded up front): seal
 * and X.509 code and the Ed25519 fallback must stay lazy chunks. Size, not speed, so a test is fit.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { measureVerifyBundle } from '../scripts/bundle-size.mjs';

interface Row { name: string; gzip: number; upfront: boolean; lazyFor: string | null }

describe('verify-path bundle', () => {
  it('stays within 40 KB gzip up front, with seal code and the Ed25519 fallback lazy', async () => {
    const { rows, upfrontGzip } = (await measureVerifyBundle()) as { rows: Row[]; upfrontGzip: number };
    expect(upfrontGzip).toBeLessThanOrEqual(40 * 1024);
    const lazy = rows.filter((r) => !r.upfront).map((r) => r.lazyFor);
    expect(lazy).toContain('only without WebCrypto Ed25519');
    expect(lazy).toContain('first seal verification');
  }, 60_000);
});
