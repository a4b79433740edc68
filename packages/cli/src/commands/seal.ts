/**
 * `yizhao seal verify DOCUMENT SEALFILE --trust FILE --pin FILE [--at] [--crl FILE]… [--strict]` (spec §9);
 * `yizhao seal verify FILE.ofd…` for OFD documents with SES seals (seal-ofd.ts).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { label, type SealVerification } from '@yizhao/sdk';
import { TRUST_OPTIONS, verifierFromArgs } from '../trust.js';
import { ioError, readTextFile } from '../inputs.js';
import { EXIT_NOT_OK, EXIT_OK, pick, UsageError, type CliIO, type Command } from '../io.js';
import { looksLikeOfd, verifyOfdFiles } from './seal-ofd.js';

export const run: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub !== 'verify') throw new UsageError(pick(io.lang, '用法：yizhao seal verify 文件 印章文件 --trust 文件 --pin 文件', 'usage: yizhao seal verify DOCUMENT SEALFILE --trust FILE --pin FILE'));
  return verify(rest, io);
};

async function verify(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...TRUST_OPTIONS,
      crl: { type: 'string', multiple: true },
      cert: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  // OFD documents carry their seals inside (GB/T 38540 SES): no separate seal file.
  if (positionals.length > 0 && (positionals.every((p) => /\.ofd$/i.test(p)) || (positionals.length === 1 && (await looksLikeOfd(resolve(io.cwd, positionals[0]!)))))) {
    return verifyOfdFiles(positionals, values, io);
  }
  if (values.cert) throw new UsageError(pick(io.lang, '--cert 仅用于 OFD 文件', '--cert applies to OFD files only'));
  if (positionals.length !== 2) throw new UsageError(pick(io.lang, '需要两个参数：被盖章的文件和 .yzseal 印章文件', 'give two files: the sealed document and its .yzseal file'));
  const [documentArg, sealArg] = positionals as [string, string];
  const documentPath = resolve(io.cwd, documentArg);
  try {
    if (!(await stat(documentPath)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (error) {
    throw new UsageError(ioError(io, documentArg, error));
  }
  const sealText = await readTextFile(sealArg, io, pick(io.lang, '印章文件', 'seal file'));
  const crls: Uint8Array[] = [];
  for (const file of values.crl ?? []) {
    try {
      crls.push(await readFile(resolve(io.cwd, file)));
    } catch (error) {
      throw new UsageError(`--crl: ${ioError(io, file, error)}`);
    }
  }
  const verifier = await verifierFromArgs(values, io);
  for (const [i, der] of crls.entries()) {
    if (!(await verifier.addCrl(der))) throw new UsageError(pick(io.lang, `--crl：${values.crl![i]} 不是证书吊销列表（CRL）`, `--crl: ${values.crl![i]} is not a CRL`));
  }
  // Streamed: a large document is hashed in chunks, never held in memory whole.
  const result = await verifier.verifySeal(createReadStream(documentPath), sealText);
  if (values.json) io.out(JSON.stringify(sealJson(result, io.lang)));
  else for (const line of formatSeal(result, io.lang)) io.out(line);
  return result.ok ? EXIT_OK : EXIT_NOT_OK;
}

export function sealJson(r: SealVerification, lang: 'zh-CN' | 'en') {
  return {
    ok: r.ok,
    indication: r.indication,
    code: r.code,
    uscc: r.uscc,
    seal: r.seal,
    warnings: r.warnings.map((w) => w.code),
    outcome: r.outcome,
    message: r.message[lang],
    ...(r.detail !== undefined && { detail: r.detail }),
    signer: r.signer,
    chain: r.chain,
    trace: r.trace,
  };
}

const SYMBOL = { PASSED: '✔', FAILED: '✘', INDETERMINATE: '?' } as const;
const KIND_ZH: Record<string, string> = { official: '公章', contract: '合同专用章', finance: '财务专用章', invoice: '发票专用章', 'legal-rep': '法定代表人名章' };

function formatSeal(r: SealVerification, lang: 'zh-CN' | 'en'): string[] {
  const sep = lang === 'en' ? ': ' : '：';
  const lines = [`${SYMBOL[r.indication]} ${r.indication} · ${label(`outcome.${r.outcome}`, lang)}${r.code ? ` · ${r.code}` : ''}`, `    ${r.message[lang]}`];
  if (r.detail) lines.push(`    (${r.detail})`);
  if (r.seal) lines.push(`    ${pick(lang, '印章', 'Seal')}${sep}${r.seal.name} (${lang === 'en' ? r.seal.kind : KIND_ZH[r.seal.kind]})`);
  if (r.signer) lines.push(`    ${pick(lang, '盖章单位', 'Sealed by')}${sep}${r.signer.name ?? '—'} (${r.signer.uscc})`);
  if (r.seal) lines.push(`    ${pick(lang, '盖章时间（声明）', 'Signing time (claimed)')}${sep}${new Date(r.seal.signingTime * 1000).toISOString()}`);
  for (const [i, c] of r.chain.entries()) lines.push(`    ${i === 0 ? pick(lang, '证书链', 'Chain') + sep : '      '}${c.subject}  #${c.serial}  ${new Date(c.notBefore * 1000).toISOString().slice(0, 10)}…${new Date(c.notAfter * 1000).toISOString().slice(0, 10)}`);
  for (const w of r.warnings) lines.push(`    ⚠ ${w.code}: ${w.message[lang]}`);
  return lines;
}
