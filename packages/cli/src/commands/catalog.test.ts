import { describe, expect, it } from 'vitest';
import type { CliIO, Lang } from '../io.js';
import { main } from '../main.js';
import { run } from './catalog.js';

function fakeIO(lang: Lang = 'zh-CN') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), lang, cwd: process.cwd() };
  return { io, out, err };
}

describe('yizhao catalog list', () => {
  it('--json prints one array of the 172 matters in order, with the spec members', async () => {
    const { io, out } = fakeIO();
    expect(await run(['list', '--json'], io)).toBe(0);
    expect(out).toHaveLength(1);
    const list = JSON.parse(out[0]!) as Record<string, unknown>[];
    expect(list).toHaveLength(172);
    list.forEach((m, i) => {
      expect(m.id).toBe(`DZ164-${String(i + 1).padStart(3, '0')}`);
      expect(m.seq).toBe(i + 1);
      expect(typeof m.name).toBe('string');
      expect(String(m.department)).toMatch(/^重庆市大足区/);
      expect(typeof m.departmentInferred).toBe('boolean');
      expect(m.note === null || typeof m.note === 'string').toBe(true);
    });
    expect(list[171]).toMatchObject({ departmentInferred: true, department: '重庆市大足区文化和旅游发展委员会' });
    expect(list[125]!.note).toEqual(expect.any(String));
  });

  it('--department filters by any spelling', async () => {
    const { io, out } = fakeIO();
    expect(await run(['list', '--department', '区城管局', '--json'], io)).toBe(0);
    const list = JSON.parse(out[0]!) as { seq: number; department: string }[];
    expect(list.map((m) => m.seq)).toEqual([66, 67, 68, 69, 70, 71, 72, 73]);
  });

  it('--csv prints a header and one quoted-as-needed row per matter', async () => {
    const { io, out } = fakeIO();
    expect(await run(['list', '--csv'], io)).toBe(0);
    expect(out).toHaveLength(173);
    expect(out[0]).toBe('id,seq,name,department,departmentShort,departmentInferred,kind,note');
    expect(out[8]).toBe('DZ164-008,8,除国家批准的有关规划中的项目和跨现状或规划为四级及以上通航段项目以外的其余独立公（铁）路桥梁、隧道项目核准——外资,重庆市大足区发展和改革委员会,区发展改革委,false,核准,');
    expect(out[172]).toMatch(/^DZ164-172,172,.*,true,备案,原文缺少主管部门/);
  });

  it('prints a readable list in Chinese by default and English with --lang en', async () => {
    const zh = fakeIO();
    expect(await run(['list', '--department', '区住建委'], zh.io)).toBe(0);
    expect(zh.out[0]).toMatch(/^DZ164-054 {2}区住房城乡建委/);
    expect(zh.out.join('\n')).toContain('注：与DZ164-072');
    expect(zh.err).toEqual(['共 6 项']);
    const en = fakeIO('en');
    expect(await run(['list', '--department', '区住建委', '--lang', 'en'], en.io)).toBe(0);
    expect(en.out.join('\n')).toContain('Note: Same name as DZ164-072');
    expect(en.err).toEqual(['6 matters']);
  });
});

describe('yizhao catalog search', () => {
  it('--json prints one array, best first, scores in [0, 1]', async () => {
    const { io, out } = fakeIO();
    expect(await run(['search', '取水许可证变更 - 网上申报', '--json'], io)).toBe(0);
    expect(out).toHaveLength(1);
    const results = JSON.parse(out[0]!) as { id: string; name: string; department: string; score: number }[];
    expect(results[0]).toMatchObject({ id: 'DZ164-110', name: '取水许可证变更', department: '重庆市大足区水利局' });
    for (const r of results) expect(r.score >= 0 && r.score <= 1).toBe(true);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('honours --limit and joins several words', async () => {
    const { io, out } = fakeIO();
    expect(await run(['search', '水利', '--limit', '3', '--json'], io)).toBe(0);
    expect(JSON.parse(out[0]!)).toHaveLength(3);
    const two = fakeIO();
    expect(await run(['search', '水利', '注销', '--json'], two.io)).toBe(0);
    expect((JSON.parse(two.out[0]!) as { id: string }[])[0]!.id).toBe('DZ164-113');
  });

  it('prints readable lines, and says so on stderr when nothing fits (exit 0, empty array in JSON)', async () => {
    const { io, out } = fakeIO();
    expect(await run(['search', 'DZ164-057'], io)).toBe(0);
    expect(out[0]).toMatch(/^DZ164-057 {2}1\.00 {2}区住房城乡建委 {2}因工程建设/);
    const none = fakeIO('en');
    expect(await run(['search', '结婚登记'], none.io)).toBe(0);
    expect(none.out).toEqual([]);
    expect(none.err[0]).toContain('no matter fits');
    const json = fakeIO();
    expect(await run(['search', '结婚登记', '--json'], json.io)).toBe(0);
    expect(json.out).toEqual(['[]']);
  });
});

describe('usage errors exit 2 through main', () => {
  const cases = [
    ['catalog'],
    ['catalog', 'frobnicate'],
    ['catalog', 'search'],
    ['catalog', 'search', 'x', '--limit', 'lots'],
    ['catalog', 'search', 'x', '--limit', '0'],
    ['catalog', 'list', '--department', '区民政局'],
    ['catalog', 'list', '--csv', '--json'],
    ['catalog', 'list', '--bogus'],
  ];
  for (const argv of cases) {
    it(argv.join(' '), async () => {
      const { io, out, err } = fakeIO();
      expect(await main(argv, io)).toBe(2);
      expect(out).toEqual([]);
      expect(err[0]).toMatch(/^yizhao catalog: /);
    });
  }
});
