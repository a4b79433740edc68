import { describe, expect, it } from 'vitest';
import { MATTERS, searchCatalogue } from './index.js';

const seqs = (query: string, limit = 50) => searchCatalogue(query, { limit }).map((r) => r.matter.seq);

describe('searchCatalogue', () => {
  it('finds a matter by id, with or without prefix and zeros', () => {
    for (const q of ['DZ164-057', 'dz164-57', '057', '57', 'ＤＺ１６４－０５７']) expect(seqs(q)[0], q).toBe(57);
    expect(searchCatalogue('DZ164-057')[0]!.fields).toContain('id');
  });

  it('finds matters by a fragment of the name, closest first', () => {
    const found = seqs('取水许可证');
    expect(found.slice(0, 4).sort((a, b) => a - b)).toEqual([110, 111, 112, 113]);
    expect(seqs('取水').slice(0, 6).sort((a, b) => a - b)).toEqual([108, 109, 110, 111, 112, 113]);
    expect(seqs('生产性渔业船舶登记（注销）')[0]).toBe(137);
  });

  it('finds all matters of a department in any spelling', () => {
    for (const q of ['区水利局', '水利局', '重庆市大足区水利局', '水利']) {
      const water = MATTERS.filter((m) => m.departmentShort === '区水利局').map((m) => m.seq);
      expect(seqs(q, 200).filter((s) => water.includes(s)).length, q).toBe(22);
    }
    const urban = searchCatalogue('区城管局', { limit: 200 });
    expect(urban).toHaveLength(8);
    expect(urban.every((r) => r.matter.department === '重庆市大足区城市管理局')).toBe(true);
  });

  it('finds matters by kind', () => {
    const cancel = searchCatalogue('注销', { limit: 200 });
    const expected = MATTERS.filter((m) => m.kind === '注销');
    expect(expected.length).toBeGreaterThan(5);
    for (const m of expected) expect(cancel.map((r) => r.id)).toContain(m.id);
  });

  it('narrows with several words', () => {
    expect(seqs('水利 注销')[0]).toBe(113);
    const results = searchCatalogue('交通局 变更');
    expect(results[0]!.matter.departmentShort).toBe('区交通局');
    expect(results[0]!.matter.name).toContain('变更');
  });

  it('tolerates a missing character', () => {
    expect(seqs('取水许可变更')[0]).toBe(110);
    expect(seqs('无线电台设置使用许可延续')[0]).toBe(33);
  });

  it('returns nothing for nothing, scores in [0, 1], best first', () => {
    expect(searchCatalogue('   ')).toEqual([]);
    expect(searchCatalogue('结婚登记')).toEqual([]);
    const list = searchCatalogue('审批', { limit: 100 });
    expect(list.length).toBeGreaterThan(20);
    for (const r of list) expect(r.score >= 0 && r.score <= 1).toBe(true);
    expect(list.map((r) => r.score)).toEqual([...list.map((r) => r.score)].sort((a, b) => b - a));
  });
});

describe('searchCatalogue with a pasted page title', () => {
  it('finds the matter behind the decorations', () => {
    expect(seqs('取水许可证变更 - 网上申报 - 大足区水利局')[0]).toBe(110);
    expect(seqs('【区城管局】因工程建设需要拆除、改动、迁移供水、排水与污水处理设施审核_办事指南')[0]).toBe(72);
  });
});
