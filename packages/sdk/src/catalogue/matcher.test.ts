import { describe, expect, it } from 'vitest';
import { servicePage, TITLE_DECORATIONS } from '../../../../scripts/catalogue-pages.js';
import { bestMatter, getMatter, matchMatter, MATTER_MATCH_THRESHOLD, MATTERS, normalizeText } from './index.js';

const top = (text: string, department?: string) => matchMatter(text, department ? { department } : {})[0];

describe('normalisation', () => {
  it('ignores width, punctuation and white space but keeps bracket contents', () => {
    expect(normalizeText('无线电台（站）设置、使用许可')).toBe(normalizeText('无线电台(站) 设置,使用许可'));
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeText('审批（报告书）')).not.toBe(normalizeText('审批（报告表）'));
  });
});

describe('every matter', () => {
  it("ranks first for its own name, with score 1 (57/72 need their department)", () => {
    for (const m of MATTERS) {
      const [first, second] = matchMatter(m.name, { department: m.department });
      expect(first?.id, m.name).toBe(m.id);
      expect(first?.score).toBe(1);
      expect(first?.match).toBe('exact');
      if (second) expect(second.score, m.name).toBeLessThan(1);
    }
  });

  it('ranks first under the decorations portals add to titles', () => {
    const extra = [
      (n: string) => `${n}网上申报`,
      (n: string) => `  ${n}　——　办事指南  `,
      (n: string) => `${n}（大足区）`,
      (n: string) => `${n} - 大足区水利局`,
      (n: string) => `首页 > 办事指南 > ${n} > 在线办理`,
      (n: string) => n.normalize('NFKC'),
    ];
    for (const m of MATTERS) {
      for (const decorate of [...TITLE_DECORATIONS.map((d) => (n: string) => d(n, m)), ...extra]) {
        const text = decorate(m.name);
        const first = top(text, m.department);
        expect(first?.id, text).toBe(m.id);
        expect(first!.score, text).toBeGreaterThanOrEqual(0.9);
      }
    }
  });

  it('ranks first on a whole synthetic service page (a few KB, with sibling matters in a sidebar)', () => {
    for (const m of MATTERS) {
      const page = servicePage(m, m.seq);
      expect(page.length).toBeGreaterThan(900);
      expect(bestMatter(page)?.id, m.name).toBe(m.id);
    }
  });

  it('prefers the name that stands alone over names listed in a menu, wherever the menu is', () => {
    for (const m of MATTERS) {
      const menu = MATTERS.filter((o) => o.department === m.department).map((o) => `${o.seq}. ${o.name}`);
      const page = `${menu.join('\n')}\n${servicePage(m, m.seq + 1000)}`;
      expect(bestMatter(page)?.matter.name, m.name).toBe(m.name);
    }
  });

  it('keeps every score in [0, 1], best first', () => {
    for (const m of MATTERS.slice(0, 40)) {
      const list = matchMatter(servicePage(m, 7), { limit: 20, minScore: 0 });
      for (const c of list) expect(c.score >= 0 && c.score <= 1).toBe(true);
      expect(list.map((c) => c.score)).toEqual([...list.map((c) => c.score)].sort((a, b) => b - a));
    }
  });
});

describe('parentheticals are meaning, not decoration', () => {
  const groups = [
    [57, 58, 59],
    [99, 100],
    [136, 137],
    [139, 140],
    [145, 146],
    [31, 32, 33, 34],
    [35, 36],
  ];
  for (const seqs of groups) {
    it(`tells ${seqs.join('/')} apart`, () => {
      for (const seq of seqs) {
        const m = getMatter(seq)!;
        for (const text of [m.name, `${m.name} 网上申报 - ${m.departmentShort}`, `${m.name.replace(/[（）]/g, ' ')}办事指南`]) {
          const list = matchMatter(text, { department: m.department, limit: 10 });
          expect(list[0]?.id, text).toBe(m.id);
          for (const other of seqs.filter((s) => s !== seq)) {
            const o = list.find((c) => c.matter.seq === other);
            if (o) expect(o.score, `${text} vs ${other}`).toBeLessThan(list[0]!.score);
          }
        }
      }
    });
  }
});

describe('near misses and unrelated text', () => {
  it('finds a matter from a slightly different wording, above the threshold', () => {
    const cases: [string, number][] = [
      ['取水许可变更', 110],
      ['无线电台设置使用许可变更申请', 32],
      ['生产建设项目水土保持方案报告书审批', 99],
      ['生产建设项目水土保持方案报告表的审批', 100],
      ['渔业船舶登记注销 大足区农业农村委', 137],
      ['出售、购买、利用国家重点保护水生野生动物及其制品（白鱀豚等）和人工繁育国家重点保护水生野生动物（白鱀豚等）的初审', 126],
    ];
    for (const [text, seq] of cases) {
      const first = top(text);
      expect(first?.matter.seq, text).toBe(seq);
      expect(first!.score, text).toBeGreaterThanOrEqual(MATTER_MATCH_THRESHOLD);
    }
  });

  it('scores unrelated services below the threshold', () => {
    const texts = [
      '结婚登记',
      '个人所得税申报',
      '个人所得税综合所得年度汇算申报 - 国家税务总局重庆市税务局',
      '居民身份证换领',
      // Services outside the catalogue that share its generic wording (…许可证注销, …许可证核发).
      '药品经营许可证注销',
      '道路运输经营许可证变更',
      '烟草专卖零售许可证延续',
      '建筑工程施工许可证核发',
      '食品经营许可',
      '机动车驾驶证期满换证',
      '城乡居民基本养老保险参保登记',
      '大足区召开优化营商环境工作推进会。会议强调，要持续深化“放管服”改革，推进电子营业执照、电子印章在政务服务领域的应用，提升企业群众办事便利度。',
    ];
    for (const text of texts) {
      const first = matchMatter(text, { minScore: 0 })[0];
      expect(first?.score ?? 0, `${text} → ${first?.matter.name}`).toBeLessThan(MATTER_MATCH_THRESHOLD);
      expect(bestMatter(text)).toBeNull();
    }
  });

  it('returns nothing for empty or one-character text', () => {
    expect(matchMatter('')).toEqual([]);
    expect(matchMatter('审')).toEqual([]);
  });
});

describe('department', () => {
  const name = getMatter(57)!.name;

  it('tells 57 and 72 apart when given, in any spelling', () => {
    expect(top(name, '重庆市大足区住房和城乡建设委员会')?.id).toBe('DZ164-057');
    expect(top(name, '区住建委')?.id).toBe('DZ164-057');
    expect(top(name, '重庆市大足区城市管理局')?.id).toBe('DZ164-072');
    expect(top(name, '区城管局')?.id).toBe('DZ164-072');
    const [a, b] = matchMatter(name, { department: '区城管局' });
    expect(a!.departmentMatch).toBe(true);
    expect(b!.id).toBe('DZ164-057');
    expect(b!.departmentMatch).toBe(false);
    expect(b!.score).toBeLessThan(a!.score);
  });

  it('tells them apart from the department the page itself names', () => {
    expect(top(`${name} - 大足区城市管理局`)?.id).toBe('DZ164-072');
    expect(top(`大足区住房和城乡建设委员会 办事指南 ${name}`)?.id).toBe('DZ164-057');
    expect(bestMatter(servicePage(getMatter(72)!, 3))?.id).toBe('DZ164-072');
  });

  it('does not let the department override the text', () => {
    expect(top('取水许可证注销', '区城管局')?.matter.seq).toBe(113);
  });
});
