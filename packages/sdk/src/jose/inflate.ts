/**
 * Bounded raw-DEFLATE inflation (RFC 1951): a decompression bomb is stopped, never fully expanded.
 *
 * QR-sized input (≤ 2 KiB) is inflated in one pass into a buffer one byte larger than the limit;
 * fflate writes nothing past a caller-supplied buffer, so memory stays at the limit and a full
 * buffer means "too large" (CPU is bounded by the input: at most ~2 MB of symbols). Larger input is
 * fed in slices to the streaming inflater, which lets us stop after the slice that crossed the limit.
 */
import { Inflate, inflateSync } from 'fflate';

const ONE_SHOT_MAX_INPUT = 2048;
/** ≤ 1 KiB × 1032 ≈ 1 MiB of output per step, whatever the input. */
const SLICE = 1024;

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'corrupt' };

export function inflateRawBounded(input: Uint8Array, maxBytes: number): InflateResult {
  return input.length <= ONE_SHOT_MAX_INPUT ? inflateOneShot(input, maxBytes) : inflateSliced(input, maxBytes);
}

function inflateOneShot(input: Uint8Array, maxBytes: number): InflateResult {
  try {
    const bytes = inflateSync(input, { out: new Uint8Array(maxBytes + 1) });
    return bytes.length > maxBytes ? { ok: false, reason: 'too-large' } : { ok: true, bytes };
  } catch (error) {
    // A stored block that does not fit the buffer surfaces as RangeError from TypedArray.set.
    return { ok: false, reason: error instanceof RangeError ? 'too-large' : 'corrupt' };
  }
}

function inflateSliced(input: Uint8Array, maxBytes: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < input.length && !tooLarge; i += SLICE) {
      inflater.push(input.subarray(i, i + SLICE), i + SLICE >= input.length);
    }
  } catch {
    return { ok: false, reason: tooLarge ? 'too-large' : 'corrupt' };
  }
  if (tooLarge) return { ok: false, reason: 'too-large' };
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes: out };
}
