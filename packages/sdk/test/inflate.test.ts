import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { inflateRawBounded } from '../src/jose/inflate.js';

const random = (n: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
};

describe('bounded inflation', () => {
  // Both paths: small (one-shot) and large (sliced) compressed input.
  const cases: [string, Uint8Array][] = [
    ['compressible, small input', new Uint8Array(16384).fill(65)],
    ['incompressible, large input (stored blocks)', random(16384)],
  ];
  it.each(cases)('%s: exactly the limit inflates, one byte more does not', (_name, data) => {
    const atLimit = inflateRawBounded(deflateSync(data), 16384);
    expect(atLimit.ok && atLimit.bytes).toEqual(data);
    const over = new Uint8Array(data.length + 1);
    over.set(data);
    expect(inflateRawBounded(deflateSync(over), 16384)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('stops bombs on both paths', () => {
    const small = deflateSync(new Uint8Array(2_000_000), { level: 9 });
    expect(small.length).toBeLessThanOrEqual(2048);
    expect(inflateRawBounded(small, 16384)).toEqual({ ok: false, reason: 'too-large' });
    const large = deflateSync(new Uint8Array(50_000_000), { level: 9 });
    expect(large.length).toBeGreaterThan(2048);
    expect(inflateRawBounded(large, 16384)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('reports corrupt and truncated streams as corrupt', () => {
    const good = deflateSync(new TextEncoder().encode('{"a":"b"}'));
    expect(inflateRawBounded(good.subarray(0, good.length - 2), 100)).toEqual({ ok: false, reason: 'corrupt' });
    expect(inflateRawBounded(new Uint8Array([0xff, 0xff, 0xff]), 100)).toEqual({ ok: false, reason: 'corrupt' });
    const bigGood = deflateSync(random(8000));
    expect(inflateRawBounded(bigGood.subarray(0, bigGood.length - 100), 16384)).toEqual({ ok: false, reason: 'corrupt' });
  });
});
