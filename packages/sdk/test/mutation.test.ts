import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { token, verifier } from './world.js';

/**
 * "Mutated tokens never verify": any change to a valid presentation's text — a character replaced,
 * inserted or deleted anywhere, including spellings that decode to the same bytes — is refused.
 * (Leading/trailing white space is trimmed by design and so is not a mutation.)
 */
describe('mutated presentations never verify', () => {
  it('property: single-character edits', async () => {
    const valid = [await token(), await token({ zip: true })];
    const v = await verifier();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/:';
    const edit = fc.record({
      which: fc.nat(valid.length - 1),
      at: fc.nat(2000),
      op: fc.constantFrom('replace', 'insert', 'delete'),
      ch: fc.constantFrom(...alphabet),
    });
    await fc.assert(
      fc.asyncProperty(edit, async ({ which, at, op, ch }) => {
        const original = valid[which]!;
        const i = at % original.length;
        const mutated =
          op === 'replace' ? original.slice(0, i) + ch + original.slice(i + 1) : op === 'insert' ? original.slice(0, i) + ch + original.slice(i) : original.slice(0, i) + original.slice(i + 1);
        fc.pre(mutated !== original && mutated.trim() === mutated);
        const result = await v.verify(mutated, { replay: false });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
    // The originals themselves still verify, so the property is not vacuous.
    for (const t of valid) expect((await v.verify(t, { replay: false })).ok).toBe(true);
  });
});
