/**
 * Bounded raw-DEFLATE inflation (RFC 1951). Input is fed in small slices so that a decompression
 * bomb is stopped after at most one slice's worth of output past the limit, never fully expanded.
 */
import { Inflate } from 'fflate';

const SLICE = 256; // ≤ 256 × 1032 bytes of output per step, whatever the input

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'corrupt' };

export function inflateRawBounded(input: Uint8Array, maxBytes: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  let tooLarge = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) tooLarge = true;
    else chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let i = 0; i < input.length && !tooLarge; i += SLICE) {
      inflater.push(input.subarray(i, i + SLICE), i + SLICE >= input.length);
    }
  } catch {
    return { ok: false, reason: tooLarge ? 'too-large' : 'corrupt' };
  }
  if (tooLarge) return { ok: false, reason: 'too-large' };
  if (!done) return { ok: false, reason: 'corrupt' };
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes: out };
}
