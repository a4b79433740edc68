import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT_PATH, SOURCE_PATH } from '../../../../scripts/generate-catalogue.js';
import { DEPARTMENTS, findDepartment, getMatter, getTask, kindOfName, MATTERS, mattersOfDepartment, PLAN_TASKS } from './index.js';

const source = readFileSync(SOURCE_PATH, 'utf8');

describe('generated data', () => {
  it('equals a fresh parse of the source (run npx tsx scripts/generate-catalogue.ts if not)', () => {
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(generate());
  });

  it('the repository copy of the source is the shared original', () => {
    const shared = '/work/shared/source/dazu-2022-164-e-license-plan.txt';
    let original: string | undefined;
    try {
      original = readFileSync(shared, 'utf8');
    } catch {
      return; // outside the team's machine the copy is the original
    }
    expect(source).toBe(original);
  });
});

describe('172 matters, checked independently of the generator', () => {
  // A different reading of the table than the generator's: one regex over the attachment.
  const table = source.slice(source.indexOf('\t主管部门\n'));
  const rows = [...table.matchAll(/\n\t(\d+)\n\t([^\n]+)\n(?:\t([^\n]+)\n)?/g)].map((m) => ({
    seq: Number(m[1]),
    name: m[2]!,
    department: m[3] ?? null,
  }));

  it('has 172 rows and 172 matters with ids DZ164-001…172 in order', () => {
    expect(rows).toHaveLength(172);
    expect(MATTERS).toHaveLength(172);
    MATTERS.forEach((m, i) => {
      expect(m.seq).toBe(i + 1);
      expect(m.id).toBe(`DZ164-${String(i + 1).padStart(3, '0')}`);
    });
    expect(new Set(MATTERS.map((m) => m.id)).size).toBe(172);
  });

  it('names and departments are identical to the source', () => {
    rows.forEach((row, i) => {
      const m = MATTERS[i]!;
      expect(m.seq).toBe(row.seq);
      expect(m.name).toBe(row.name);
      if (row.department !== null) expect(m.department).toBe(row.department);
    });
    expect(rows.filter((r) => r.department === null).map((r) => r.seq)).toEqual([172]);
  });

  // Read off the gazette by hand: department, first and last 序号 of its block.
  const BLOCKS: [string, number, number][] = [
    ['重庆市大足区档案局', 1, 2],
    ['重庆市大足区委宣传部', 3, 5],
    ['重庆市大足区发展和改革委员会', 6, 18],
    ['重庆市大足区教育委员会', 19, 24],
    ['重庆市大足区科学技术局', 25, 28],
    ['重庆市大足区经济和信息化委员会', 29, 37],
    ['重庆市大足区人力资源和社会保障局', 38, 46],
    ['重庆市大足区规划和自然资源局', 47, 51],
    ['重庆市大足区生态环境局', 52, 53],
    ['重庆市大足区住房和城乡建设委员会', 54, 59],
    ['重庆市大足区人民防空办公室', 60, 65],
    ['重庆市大足区城市管理局', 66, 73],
    ['重庆市大足区交通局', 74, 98],
    ['重庆市大足区水利局', 99, 120],
    ['重庆市大足区农业农村委员会', 121, 151],
    ['重庆市大足区商务委员会', 152, 152],
    ['重庆市大足区文化和旅游发展委员会', 153, 172],
  ];

  it('has the 17 departments with the per-department counts and first/last items of the source', () => {
    expect(new Set(MATTERS.map((m) => m.department)).size).toBe(17);
    expect(DEPARTMENTS.map((d) => d.name)).toEqual(BLOCKS.map((b) => b[0]));
    for (const [name, first, last] of BLOCKS) {
      const of = MATTERS.filter((m) => m.department === name);
      expect(of.map((m) => m.seq), name).toEqual(Array.from({ length: last - first + 1 }, (_, k) => first + k));
      expect(of[0]!.name).toBe(rows[first - 1]!.name);
      expect(of.at(-1)!.name).toBe(rows[last - 1]!.name);
    }
    expect(MATTERS[0]!.name).toBe('对利用档案馆未开放档案的审查');
    expect(MATTERS[171]!.name).toBe('市级非国有文物保护单位转让、抵押或者改变用途备案');
  });
});

describe('anomalies are data', () => {
  it('172: department inferred and marked', () => {
    const m = getMatter('DZ164-172')!;
    expect(m.departmentInferred).toBe(true);
    expect(m.department).toBe('重庆市大足区文化和旅游发展委员会');
    expect(m.note).toMatch(/推定/);
    expect(m.noteEn).toMatch(/inferred/);
    expect(MATTERS.filter((x) => x.departmentInferred).map((x) => x.seq)).toEqual([172]);
  });

  it('126: garbled name kept verbatim, with a readable note', () => {
    const m = getMatter(126)!;
    expect(m.name).toBe('出售、购买、利用国家重点保护水生野生动物及其制品（白鱀豚等）和人工繁育国家重点保护水生野生动鱀豚等）的初审');
    expect(m.note).toMatch(/原文/);
    expect(m.noteEn).toMatch(/verbatim/);
  });

  it('57 and 72: one name, two departments, two matters that point at each other', () => {
    const [a, b] = [getMatter(57)!, getMatter(72)!];
    expect(a.name).toBe(b.name);
    expect(a.department).not.toBe(b.department);
    expect(a.note).toContain('DZ164-072');
    expect(b.note).toContain('DZ164-057');
  });

  it('every other matter has no note', () => {
    expect(MATTERS.filter((m) => m.note !== null).map((m) => m.seq)).toEqual([57, 72, 126, 172]);
  });
});

describe('department registry', () => {
  it('every spelling names exactly one department, and every matter has a registered department', () => {
    const owners = new Map<string, string>();
    for (const d of DEPARTMENTS) {
      for (const s of [d.name, d.shortName, ...d.aliases]) {
        expect(owners.get(s) ?? d.key, s).toBe(d.key);
        owners.set(s, d.key);
        expect(findDepartment(s)).toBe(d);
      }
    }
    for (const m of MATTERS) expect(findDepartment(m.department)?.shortName).toBe(m.departmentShort);
  });

  it('resolves spellings regardless of width and spacing', () => {
    expect(findDepartment(' 区 水利局 ')?.key).toBe('water');
    expect(findDepartment('大足区城管局')?.name).toBe('重庆市大足区城市管理局');
    expect(findDepartment('water')?.shortName).toBe('区水利局');
    expect(findDepartment('区民政局')).toBeUndefined();
    expect(mattersOfDepartment('区水利局')).toHaveLength(22);
  });
});

describe('kinds and tasks', () => {
  it('derives the kind from the deciding action word', () => {
    expect(kindOfName('取水许可证注销')).toBe('注销');
    expect(kindOfName('实验动物生产许可变更')).toBe('变更');
    expect(kindOfName('出版物零售单位和个体工商户登记事项变更审批')).toBe('审批');
    expect(kindOfName('生产性渔业船舶登记（注销）')).toBe('注销');
    expect(kindOfName('取水许可（常规审批）')).toBe('许可');
    expect(kindOfName('生活垃圾焚烧发电项目审核—（县级）内资—不需跨区县（自治县）平衡')).toBe('审核');
    expect(kindOfName('公共文化场馆讲解服务')).toBe('其他');
    for (const m of MATTERS) expect(m.kind).toBe(kindOfName(m.name));
  });

  it('holds the eight tasks with their units', () => {
    expect(PLAN_TASKS.map((t) => t.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']);
    expect(getTask('T1')!.lead).toEqual(['区市场监管局']);
    expect(getTask(3)!.lead).toEqual(['区金融发展事务中心', '区市场监管局']);
    expect(getTask('t7')!.cooperating).toEqual(['区级各行政许可部门（见附件）']);
    const t8 = getTask(8)!;
    expect(t8.leadLabel).toBe('责任单位');
    expect(t8.lead).toEqual(['各镇街', '区级各部门、单位']);
    expect(t8.title).toContain('不拒绝电子营业执照和电子印章的使用');
    for (const t of PLAN_TASKS) expect(source).toContain(t.title);
  });
});

it('catalogue modules import nothing Node-only (the SDK runs in browsers)', () => {
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  expect(files.length).toBeGreaterThan(5);
  for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/from ['"](node:|fs|path)/);
});
