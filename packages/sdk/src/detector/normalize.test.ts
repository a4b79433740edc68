import { describe, expect, it } from 'vitest';
import { BREAK, CELL, collapse, normalizeShown, shownSlice } from './normalize.js';

describe('normalizeShown', () => {
  it('drops stray spaces inside CJK text but keeps word gaps in Latin text', () => {
    expect(normalizeShown('营 业 执 照  复印件').norm).toBe('营业执照复印件');
    expect(normalizeShown('business   licence copy').norm).toBe('business licence copy');
    expect(normalizeShown('营业执照 copy').norm).toBe('营业执照copy');
  });

  it('folds full-width forms, case and brackets', () => {
    expect(normalizeShown('营业执照（副本）【正本】〔复印件〕').norm).toBe('营业执照(副本)(正本)(复印件)');
    expect(normalizeShown('ＢＵＳＩＮＥＳＳ　ＬＩＣＥＮＣＥ').norm).toBe('business licence');
    expect(normalizeShown('“营业执照”复印件\u200b').norm).toBe('营业执照复印件');
  });

  it('turns markers into clause breaks and cell bars, shown as single spaces', () => {
    const t = normalizeShown(`  申请材料：${BREAK}1.营业执照${CELL}复印件 `);
    expect(t.norm).toBe('申请材料:\n1.营业执照|复印件');
    expect(t.display).toBe('申请材料： 1.营业执照 复印件');
  });

  it('maps a normalised span back to the text as shown', () => {
    const t = normalizeShown('请携带 营 业 执 照（副本）原件');
    const start = t.norm.indexOf('营业执照');
    const end = t.norm.indexOf('原件') + 2;
    expect(shownSlice(t, start, end)).toBe('营 业 执 照（副本）原件');
    expect(shownSlice(t, 3, 3)).toBe('');
  });

  it('collapse() shows white space and markers as one space', () => {
    expect(collapse(`  a\n\t b${BREAK}${CELL}c  `)).toBe('a b c');
  });
});
