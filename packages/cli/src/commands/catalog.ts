/**
 * `yizhao catalog list [--department D] [--csv|--json]` and `yizhao catalog search TEXT [--limit N]
 * [--json]` (spec §9): the 172 matters of 大足府办发〔2022〕164号. With --json, one JSON array on stdout.
 */
import { parseArgs } from 'node:util';
import { findDepartment, MATTERS, searchCatalogue, type Matter } from '@yizhao/sdk';
import { parseCount } from '../args.js';
import { EXIT_OK, pick, UsageError, type CliIO, type Command } from '../io.js';

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      department: { type: 'string' },
      limit: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const [sub, ...rest] = positionals;
  if (sub === 'list') {
    if (rest.length) throw new UsageError(pick(io.lang, `list 不接受参数“${rest.join(' ')}”`, `list takes no arguments, got "${rest.join(' ')}"`));
    if (values.limit !== undefined) throw new UsageError(pick(io.lang, '--limit 只用于 search', '--limit is for search only'));
    if (values.json && values.csv) throw new UsageError(pick(io.lang, '--json 与 --csv 只能选一个', 'choose one of --json and --csv'));
    return list(io, values.department, values.json ? 'json' : values.csv ? 'csv' : 'text');
  }
  if (sub === 'search') {
    if (values.csv || values.department !== undefined) throw new UsageError(pick(io.lang, 'search 只接受 --limit 与 --json', 'search takes only --limit and --json'));
    const text = rest.join(' ').trim();
    if (!text) throw new UsageError(pick(io.lang, '请给出要搜索的内容', 'give the text to search for'));
    const limit = values.limit === undefined ? 10 : parseCount(values.limit, '--limit', io);
    if (limit < 1) throw new UsageError(pick(io.lang, '--limit 至少为 1', '--limit must be at least 1'));
    return search(io, text, limit, Boolean(values.json));
  }
  throw new UsageError(
    sub === undefined
      ? pick(io.lang, '请给出子命令：list 或 search', 'give a sub-command: list or search')
      : pick(io.lang, `未知子命令“${sub}”（应为 list 或 search）`, `unknown sub-command "${sub}" (list or search)`),
  );
};

function list(io: CliIO, department: string | undefined, format: 'json' | 'csv' | 'text'): number {
  let matters: readonly Matter[] = MATTERS;
  if (department !== undefined) {
    const d = findDepartment(department);
    if (!d) throw new UsageError(pick(io.lang, `未知部门“${department}”`, `unknown department "${department}"`));
    matters = MATTERS.filter((m) => m.department === d.name);
  }
  if (format === 'json') {
    io.out(
      JSON.stringify(
        matters.map((m) => ({
          id: m.id,
          seq: m.seq,
          name: m.name,
          department: m.department,
          departmentInferred: m.departmentInferred,
          note: m.note,
          departmentShort: m.departmentShort,
          kind: m.kind,
          noteEn: m.noteEn,
        })),
      ),
    );
  } else if (format === 'csv') {
    const fields = ['id', 'seq', 'name', 'department', 'departmentShort', 'departmentInferred', 'kind', 'note'] as const;
    io.out(fields.join(','));
    for (const m of matters) io.out(fields.map((f) => csvCell(io.lang === 'en' && f === 'note' ? m.noteEn : m[f])).join(','));
  } else {
    for (const m of matters) {
      io.out(`${m.id}  ${m.departmentShort}${m.departmentInferred ? pick(io.lang, '（推定）', ' (inferred)') : ''}  ${m.kind}  ${m.name}`);
      const note = io.lang === 'en' ? m.noteEn : m.note;
      if (note) io.out(`    ${pick(io.lang, '注：', 'Note: ')}${note}`);
    }
    io.err(pick(io.lang, `共 ${matters.length} 项`, `${matters.length} matters`));
  }
  return EXIT_OK;
}

function search(io: CliIO, text: string, limit: number, json: boolean): number {
  const results = searchCatalogue(text, { limit });
  if (json) {
    io.out(
      JSON.stringify(
        results.map((r) => ({
          id: r.id,
          name: r.matter.name,
          department: r.matter.department,
          score: Math.round(r.score * 1000) / 1000,
          departmentShort: r.matter.departmentShort,
          kind: r.matter.kind,
          fields: r.fields,
        })),
      ),
    );
    return EXIT_OK;
  }
  if (results.length === 0) io.err(pick(io.lang, `没有与“${text}”相符的事项`, `no matter fits "${text}"`));
  for (const r of results) io.out(`${r.id}  ${r.score.toFixed(2)}  ${r.matter.departmentShort}  ${r.matter.name}`);
  return EXIT_OK;
}

/** RFC 4180: quote cells holding a comma, quote or line break; null is an empty cell. */
function csvCell(value: string | number | boolean | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
