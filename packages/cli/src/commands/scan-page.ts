/**
 * `yizhao scan-page FILE.html… [--json]` (spec §9): runs the SDK's paper-demand detector — the same
 * code as the extension's content script — on static HTML in jsdom. Scripts are not run and nothing
 * is fetched: the page is read as markup (layout and computed visibility are a browser's business).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JSDOM, VirtualConsole } from 'jsdom';
import { scanPage, type Finding, type PageScan } from '@yizhao/sdk';
import { EXIT_NOT_OK, EXIT_OK, EXIT_USAGE, pick, UsageError, type CliIO, type Command } from '../io.js';
import { ioError } from '../inputs.js';

/** Larger files are not service pages; refusing them bounds memory and time. */
const MAX_BYTES = 20 * 1024 * 1024;

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError(pick(io.lang, '请给出要检查的 HTML 文件', 'give the HTML files to scan'));
  let exit = EXIT_OK;
  for (const file of positionals) {
    let result: PageScan;
    try {
      result = scanPage(await load(resolve(io.cwd, file), io), { visibility: 'markup' });
    } catch (error) {
      const message = error instanceof UsageError ? error.message : ioError(io, file, error);
      if (values.json) io.out(JSON.stringify({ file, matter: null, findings: [], error: message }));
      io.err(`yizhao scan-page: ${file}: ${message}`);
      exit = EXIT_USAGE;
      continue;
    }
    if (result.findings.length && exit === EXIT_OK) exit = EXIT_NOT_OK;
    if (values.json) io.out(JSON.stringify(toJson(file, result, io)));
    else human(file, result, io);
  }
  return exit;
};

async function load(path: string, io: CliIO): Promise<Document> {
  const info = await stat(path);
  if (!info.isFile()) throw new UsageError(pick(io.lang, '不是文件', 'not a file'));
  if (info.size > MAX_BYTES) throw new UsageError(pick(io.lang, '文件过大（上限 20 MB）', 'file too large (limit 20 MB)'));
  const html = await readFile(path, 'utf8');
  // A silent console: CSS the parser does not know is no concern of the user's.
  return new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
}

function toJson(file: string, r: PageScan, io: CliIO) {
  return {
    file,
    matter: r.matter ? { id: r.matter.id, score: r.matter.score, name: r.matter.name } : null,
    findings: r.findings.map((f: Finding) => ({
      rule: f.rule,
      severity: f.severity,
      match: f.match,
      text: f.text,
      selector: f.selector,
      message: f.message[io.lang],
      messages: f.message,
      policy: `${f.policy.document} ${f.policy.task}`,
    })),
    ...(r.truncated ? { truncated: true } : {}),
  };
}

const SEVERITY: Record<Finding['severity'], [string, string]> = { error: ['错误', 'error'], warning: ['警告', 'warning'], review: ['待核实', 'review'] };

function human(file: string, r: PageScan, io: CliIO): void {
  const matter = r.matter ? `${r.matter.id} ${r.matter.name} (${r.matter.score.toFixed(2)})` : pick(io.lang, '未识别', 'not recognised');
  io.out(`${file}  ${pick(io.lang, '事项：', 'matter: ')}${matter}`);
  if (r.findings.length === 0) io.out(pick(io.lang, '  未发现要求纸质材料之处', '  no paper demands found'));
  for (const f of r.findings) {
    const [zh, en] = SEVERITY[f.severity];
    io.out(`  [${pick(io.lang, zh, en)}] ${f.rule}  ${f.selector}`);
    io.out(`      ${f.message[io.lang]}`);
    io.out(`      ${pick(io.lang, '原文：', 'text: ')}“${clip(f.text)}”  ${pick(io.lang, '命中：', 'match: ')}“${f.match}”`);
  }
  if (r.truncated) io.err(pick(io.lang, `${file}：页面过大，只检查了一部分`, `${file}: page too large, scanned in part`));
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
