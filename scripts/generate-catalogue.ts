/**
 * Generates packages/sdk/src/catalogue/matters.generated.ts from the copy of the gazette in
 * packages/sdk/source/. `npx tsx scripts/generate-catalogue.ts` writes it; `--check` only compares and
 * exits 1 when the committed module is stale. The catalogue test runs the same parse and compares.
 *
 * The parse is strict: anything that does not look like the attachment's table throws, so a changed
 * source cannot slip through as a silently shorter catalogue.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEPARTMENTS } from '../packages/sdk/src/catalogue/departments.js';
import { kindOfName } from '../packages/sdk/src/catalogue/kind.js';
import type { Matter, MatterId, PlanTask } from '../packages/sdk/src/catalogue/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_PATH = join(ROOT, 'packages/sdk/source/dazu-2022-164-e-license-plan.txt');
export const OUTPUT_PATH = join(ROOT, 'packages/sdk/src/catalogue/matters.generated.ts');

/**
 * Readable notes for names the source garbles (unbalanced brackets). Keyed by 序号 and guarded by the
 * garbled text, so the note cannot drift onto another row. The name itself is never changed.
 */
const GARBLED_NAME_NOTES: Record<number, { fragment: string; zh: string; en: string }> = {
  126: {
    fragment: '水生野生动鱀豚等）的初审',
    zh: '原文名称有误：括号不配对，“水生野生动鱀豚等）”处有文字脱漏；名称按原文保留。大意（据上下文推断，非原文）：出售、购买、利用及人工繁育国家重点保护水生野生动物（如白鱀豚）的初审。',
    en: 'The source garbles this name (unbalanced brackets; text is missing at “水生野生动鱀豚等）”); it is kept verbatim. Gist, inferred from context and not source text: preliminary review of selling, buying, using and captive breeding of nationally protected aquatic wildlife (e.g. the baiji).',
  },
};

interface Row {
  seq: number;
  name: string;
  department: string | null;
}

export interface ParsedCatalogue {
  matters: Matter[];
  tasks: PlanTask[];
}

export function parseSource(text: string): ParsedCatalogue {
  return { matters: parseMatters(text), tasks: parseTasks(text) };
}

function parseMatters(text: string): Matter[] {
  const header = '\t序号\n\t事项名称\n\t主管部门\n';
  const start = text.indexOf(header);
  if (start < 0) throw new Error('attachment table header not found');
  const blocks = text
    .slice(start + header.length)
    .split(/\n[ \t]*\n/)
    .map((b) => b.replace(/^\n+|\n+$/g, ''))
    .filter((b) => b !== '');
  const rows: Row[] = blocks.map((block, i) => {
    const cells = block.split('\n');
    if (!cells.every((c) => c.startsWith('\t'))) throw new Error(`row ${i + 1}: cells must start with a tab`);
    const [seq, name, department, ...extra] = cells.map((c) => c.slice(1).trim());
    if (seq !== String(i + 1)) throw new Error(`row ${i + 1}: expected 序号 ${i + 1}, got ${seq}`);
    if (!name || extra.length > 0) throw new Error(`row ${i + 1}: expected 2 or 3 cells`);
    return { seq: i + 1, name, department: department ?? null };
  });

  const short = new Map(DEPARTMENTS.map((d) => [d.name, d.shortName]));
  const nameCount = new Map<string, Row[]>();
  for (const r of rows) nameCount.set(r.name, [...(nameCount.get(r.name) ?? []), r]);

  return rows.map((row, i): Matter => {
    const notes: { zh: string; en: string }[] = [];
    let department = row.department;
    const inferred = department === null;
    if (department === null) {
      // The gazette's next document starts where the department line should be: the best evidence is
      // the run of rows just before, which all share one department.
      const prev = rows[i - 1]?.department;
      if (!prev) throw new Error(`row ${row.seq}: no department and nothing to infer it from`);
      let first = i - 1;
      while (first > 0 && rows[first - 1]?.department === prev) first--;
      department = prev;
      notes.push({
        zh: `原文缺少主管部门（公报中下一份文件紧接其后）；按第${first + 1}–${i}项推定为${prev}。`,
        en: `The source has no department for this item (the gazette's next document begins there); inferred as ${prev} from items ${first + 1}–${i}.`,
      });
    }
    const shortName = short.get(department);
    if (!shortName) throw new Error(`row ${row.seq}: department not in the registry: ${department}`);

    const garbled = hasUnbalancedBrackets(row.name);
    const garbledNote = GARBLED_NAME_NOTES[row.seq];
    if (garbled !== Boolean(garbledNote) || (garbledNote && !row.name.includes(garbledNote.fragment))) {
      throw new Error(`row ${row.seq}: garbled-name note does not fit the source`);
    }
    if (garbledNote) notes.push(garbledNote);

    const twins = (nameCount.get(row.name) ?? []).filter((r) => r !== row);
    for (const t of twins) {
      const tDept = short.get(t.department ?? '') ?? t.department;
      notes.push({
        zh: `与${matterId(t.seq)}（${tDept}）同名；主管部门不同，是两个事项。`,
        en: `Same name as ${matterId(t.seq)} (${tDept}); a separate matter under a different department.`,
      });
    }

    return {
      id: matterId(row.seq),
      seq: row.seq,
      name: row.name,
      department,
      departmentShort: shortName,
      departmentInferred: inferred,
      kind: kindOfName(row.name),
      note: notes.length ? notes.map((n) => n.zh).join('') : null,
      noteEn: notes.length ? notes.map((n) => n.en).join(' ') : null,
    };
  });
}

function matterId(seq: number): MatterId {
  return `DZ164-${String(seq).padStart(3, '0')}`;
}

function hasUnbalancedBrackets(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') depth--;
    if (depth < 0) return true;
  }
  return depth !== 0;
}

function parseTasks(text: string): PlanTask[] {
  const from = text.indexOf('二、工作任务');
  const to = text.indexOf('三、组织保障');
  if (from < 0 || to < from) throw new Error('section 二、工作任务 not found');
  const lines = text
    .slice(from, to)
    .split('\n')
    .filter((l) => /^\d+．/.test(l));
  const tasks = lines.map((line, i): PlanTask => {
    const m = /^(\d+)．(.*)（([^（）]*)）。?$/.exec(line.trim());
    if (!m || Number(m[1]) !== i + 1) throw new Error(`task ${i + 1}: unexpected form`);
    const body = m[2] ?? '';
    const stop = body.indexOf('。');
    const groups = parseUnits(m[3] ?? '');
    const leadLabel = groups[0]?.label;
    if (leadLabel !== '牵头单位' && leadLabel !== '责任单位') throw new Error(`task ${i + 1}: no lead units`);
    return {
      id: `T${i + 1}`,
      number: i + 1,
      title: stop >= 0 ? body.slice(0, stop) : body,
      text: stop >= 0 ? body.slice(stop + 1) : '',
      leadLabel,
      lead: groups[0]?.units ?? [],
      cooperating: groups.find((g) => g.label === '配合单位')?.units ?? [],
    };
  });
  if (tasks.length !== 8) throw new Error(`expected 8 tasks, found ${tasks.length}`);
  return tasks;
}

/** “牵头单位：A，B；配合单位：C，见附件” → labelled groups; an unlabelled part continues the last group. */
function parseUnits(inner: string): { label: string; units: string[] }[] {
  const groups: { label: string; units: string[] }[] = [];
  for (const part of inner.split('；')) {
    const labelled = /^(牵头单位|责任单位|配合单位)：(.*)$/.exec(part);
    const units = (labelled ? labelled[2] ?? '' : part).split('，').filter((u) => u !== '');
    // “见附件” is a reference for the unit before it, not a unit.
    const merged: string[] = [];
    for (const u of units) {
      if (u.startsWith('见') && merged.length) merged[merged.length - 1] += `（${u}）`;
      else merged.push(u);
    }
    if (labelled) groups.push({ label: labelled[1] ?? '', units: merged });
    else if (groups.length) groups[groups.length - 1]!.units.push(...merged);
    else throw new Error(`units without a label: ${part}`);
  }
  return groups;
}

export function renderModule({ matters, tasks }: ParsedCatalogue): string {
  const lines = [
    '// GENERATED by scripts/generate-catalogue.ts from packages/sdk/source/dazu-2022-164-e-license-plan.txt.',
    '// Do not edit: change the generator and run `npx tsx scripts/generate-catalogue.ts`.',
    "import type { Matter, PlanTask } from './types.js';",
    '',
    '/** The 172 matters of the attachment to 大足府办发〔2022〕164号, in its order. */',
    'export const MATTERS: readonly Matter[] = [',
    ...matters.map((m) => `  ${JSON.stringify(m)},`),
    '];',
    '',
    '/** The plan\'s eight tasks (二、工作任务). */',
    'export const PLAN_TASKS: readonly PlanTask[] = [',
    ...tasks.map((t) => `  ${JSON.stringify(t)},`),
    '];',
    '',
  ];
  return lines.join('\n');
}

export function generate(): string {
  return renderModule(parseSource(readFileSync(SOURCE_PATH, 'utf8')));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fresh = generate();
  if (process.argv.includes('--check')) {
    const same = readFileSync(OUTPUT_PATH, 'utf8') === fresh;
    console.error(same ? 'catalogue is up to date' : 'catalogue is stale: run npx tsx scripts/generate-catalogue.ts');
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(OUTPUT_PATH, fresh);
    console.error(`wrote ${OUTPUT_PATH}`);
  }
}
