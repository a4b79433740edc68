import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseUscc, parseUscc, USCC_ALPHABET, usccCheckCharacter, validateUscc } from '../src/index.js';

const REAL = ['914403001922038216', '91330100799655058B', '121200004013590816', '92340602MA2PBMEM24', '11100000000013338W', '91500111MA5U7K3PX2'];

/** GB 11714 check character, written independently of the implementation (spec §1 wording). */
function orgCheck(body: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + parseInt(ch, 36) * w[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const validCode = fc
  .tuple(
    fc.constantFrom('11', '12', '31', '51', '52', '91', '92', '93', 'N1', 'Y1'),
    fc.constantFrom('500111', '110105', '440300', '100000', '650102'),
    fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'.replace(/[^0-9A-Z]/g, '')), { minLength: 8, maxLength: 8 }),
  )
  .map(([type, division, body]) => {
    const org = body.join('') + orgCheck(body.join(''));
    const first17 = type + division + org;
    return first17 + usccCheckCharacter(first17);
  })
  .filter((code) => [...code].every((c) => USCC_ALPHABET.includes(c)));

describe('unified social credit code (spec §1)', () => {
  it.each(REAL)('accepts the real code %s and splits it', (code) => {
    const result = validateUscc(code);
    expect(result).toMatchObject({ ok: true, rule: null });
    expect(parseUscc(code)).toMatchObject({ division: code.slice(2, 8), organisationCode: code.slice(8, 17), checkCharacter: code[17] });
  });

  it('reports the first failing rule, in order', () => {
    expect(validateUscc('91500111MA5U7K3PX').rule).toBe('length');
    expect(validateUscc('91500111MA5U7K3PX22').rule).toBe('length');
    expect(validateUscc('').rule).toBe('length');
    expect(validateUscc('91500111MA5U7K3PXI').rule).toBe('charset'); // I is never used
    expect(validateUscc('9150011IMA5U7K3PX2').rule).toBe('charset');
    expect(validateUscc('91500111ma5u7k3px2').rule).toBe('charset'); // tokens are never normalised
    expect(validateUscc('94500111MA5U7K3PX2').rule).toBe('type');
    expect(validateUscc('A2500111MA5U7K3PX2').rule).toBe('type');
    expect(validateUscc('91990111MA5U7K3PX2').rule).toBe('division');
    expect(validateUscc('9150A111MA5U7K3PX2').rule).toBe('division');
    expect(validateUscc('91500111MA5U7K3PY2').rule).toBe('org-check');
    expect(validateUscc('91500111MA5U7K3PX3').rule).toBe('check');
    expect(validateUscc('914403001922038217')).toMatchObject({ rule: 'check' });
  });

  it('explains the failure in both languages', () => {
    const result = validateUscc('91500111MA5U7K3PX3');
    expect(result.message['zh-CN']).toContain('“2”');
    expect(result.message.en).toContain('"2"');
  });

  it('normalises human input only', () => {
    expect(validateUscc(normaliseUscc('  91500111ma5u7k3px2 ')).ok).toBe(true);
  });

  it('property: generated codes validate, and any single substitution is caught', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...USCC_ALPHABET), (code, position, replacement) => {
        expect(validateUscc(code).ok).toBe(true);
        fc.pre(code[position] !== replacement);
        const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(validateUscc(mutated).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: arbitrary strings never crash and valid ones pass every rule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const result = validateUscc(s);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) expect(s).toHaveLength(18);
      }),
      { numRuns: 2000 },
    );
  });
});
