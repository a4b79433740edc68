/**
 * `yizhao seal verify FILE.ofd… [--trust FILE --pin FILE] [--at UNIX] [--crl FILE]… [--cert FILE]…
 * [--strict] [--json]` (spec §9): every signature in each OFD document, each check reported.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage, indicationOf, label, parseCrl, type ParsedCrl, type TrustListLoad } from '@yizhao/sdk';
import { DEFAULT_ZIP_LIMITS, verifyOfd, type OfdSignatureVerification, type OfdVerification, type SesCheckName } from '@yizhao/ses';
import { parseUnixTime } from '../args.js';
import { ioError } from '../inputs.js';
import { verifierFromArgs } from '../trust.js';
import { EXIT_NOT_OK, EXIT_OK, EXIT_USAGE, pick, UsageError, type CliIO, type Lang } from '../io.js';

export interface OfdOptions {
  trust?: string | undefined;
  pin?: string | undefined;
  at?: string | undefined;
  crl?: string[] | undefined;
  cert?: string[] | undefined;
  strict?: boolean | undefined;
  json?: boolean | undefined;
}

/** A zip starts with a local file header: how an OFD is recognised whatever its name. */
export async function looksLikeOfd(path: string): Promise<boolean> {
  try {
    const head = (await readFile(path)).subarray(0, 4);
    return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  } catch {
    return false;
  }
}

async function readAll(files: readonly string[], io: CliIO, what: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const file of files) {
    try {
      out.push(await readFile(resolve(io.cwd, file)));
    } catch (error) {
      throw new UsageError(`${what}: ${ioError(io, file, error)}`);
    }
  }
  return out;
}

export async function verifyOfdFiles(files: readonly string[], values: OfdOptions, io: CliIO): Promise<number> {
  if (!!values.trust !== !!values.pin) throw new UsageError(pick(io.lang, '--trust 与 --pin 需同时给出', '--trust and --pin go together'));
  const at = values.at !== undefined ? parseUnixTime(values.at, io) : undefined;
  // Without a trust list the chains are INDETERMINATE, everything else is still checked.
  const trustList: TrustListLoad | undefined = values.trust && values.pin ? (await verifierFromArgs(values, io)).trustList : undefined;
  const crls: ParsedCrl[] = [];
  for (const [i, der] of (await readAll(values.crl ?? [], io, '--crl')).entries()) {
    const crl = parseCrl(der);
    if (crl) crls.push(crl);
    else io.err(pick(io.lang, `无法解析 CRL：${values.crl![i]}`, `not a CRL: ${values.crl![i]}`));
  }
  const signerCertificates = await readAll(values.cert ?? [], io, '--cert');
  const ctx = { ...(trustList && { trustList }), crls, signerCertificates, ...(at !== undefined && { now: at }), strict: values.strict ?? false };

  let exit = EXIT_OK;
  for (const file of files) {
    const path = resolve(io.cwd, file);
    let result: OfdVerification;
    try {
      const size = (await stat(path)).size;
      result = size > DEFAULT_ZIP_LIMITS.maxInput ? tooLarge(size) : await verifyOfd(await readFile(path), ctx);
    } catch (error) {
      const message = ioError(io, file, error);
      if (values.json) io.out(JSON.stringify({ ok: false, indication: null, code: null, signatures: [], file, error: message }));
      else io.err(message);
      exit = EXIT_USAGE;
      continue;
    }
    if (values.json) io.out(JSON.stringify(ofdJson(result, file, io.lang)));
    else for (const line of formatOfd(result, file, io.lang)) io.out(line);
    if (!result.ok && exit === EXIT_OK) exit = EXIT_NOT_OK;
  }
  return exit;
}

/** Not even read: an OFD past the package limit. */
function tooLarge(size: number): OfdVerification {
  const code = 'PAYLOAD_TOO_LARGE';
  const indication = indicationOf(code);
  return { ok: false, indication, code, outcome: indication === 'FAILED' ? 'invalid' : 'indeterminate', message: errorMessage(code), detail: `${size} bytes`, signatures: [] };
}

export function ofdJson(r: OfdVerification, file: string, lang: Lang) {
  return {
    ok: r.ok,
    indication: r.indication,
    code: r.code,
    file,
    message: r.message[lang],
    ...(r.detail !== null && { detail: r.detail }),
    signatures: r.signatures.map((s) => ({
      id: s.id,
      type: s.type,
      version: s.version,
      indication: s.indication,
      code: s.code,
      uscc: s.uscc,
      message: s.message[lang],
      checks: s.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail, ...(c.code && { code: c.code }) })),
      warnings: s.warnings.map((w) => w.code),
      signingTime: s.signingTime,
      signer: s.signer,
      seal: s.seal && {
        name: s.seal.name,
        esId: s.seal.esId,
        type: s.seal.type,
        version: s.seal.version,
        validStart: s.seal.validStart,
        validEnd: s.seal.validEnd,
        maker: s.seal.maker,
        picture: { type: s.seal.picture.type, mime: s.seal.picture.mime, widthMm: s.seal.picture.widthMm, heightMm: s.seal.picture.heightMm, bytes: s.seal.picture.data.length },
      },
      path: s.path,
      stamps: s.stamps,
    })),
  };
}

const CHECK_ZH: Record<SesCheckName, string> = {
  package: '文件包',
  'signature-xml': '签名描述文件',
  references: '文件摘要（保护范围）',
  structure: '签章数据结构',
  algorithm: '算法',
  'seal-file': '印章文件一致',
  'data-hash': '原文杂凑值',
  signature: '签章人签名',
  'seal-signature': '制章人签名',
  'signer-in-seal': '签章人在印章证书列表中',
  'seal-validity': '印章有效期',
  'signing-time': '签章时间',
  'cert-validity': '证书有效期',
  chain: '证书链',
  revocation: '吊销状态',
};

const SYMBOL = { PASSED: '✔', FAILED: '✘', INDETERMINATE: '?' } as const;
const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

function formatSignature(s: OfdSignatureVerification, lang: Lang): string[] {
  const sep = lang === 'en' ? ': ' : '：';
  const kind = s.type === 'seal' ? pick(lang, '电子签章', 'seal') : pick(lang, '数字签名', 'signature');
  const lines = [
    `  ${SYMBOL[s.indication]} ${kind} ${s.id}${s.version ? ` (SES v${s.version})` : ''} · ${s.indication} · ${label(`outcome.${s.outcome}`, lang)}${s.code ? ` · ${s.code}` : ''}`,
    `      ${s.message[lang]}`,
  ];
  if (s.seal) lines.push(`      ${pick(lang, '印章', 'Seal')}${sep}${s.seal.name} (${s.seal.esId}) ${day(s.seal.validStart)}…${day(s.seal.validEnd)}`);
  if (s.signer) lines.push(`      ${pick(lang, '签章人证书', 'Signer')}${sep}${s.signer.subject}  #${s.signer.serial}`);
  if (s.uscc) lines.push(`      ${pick(lang, '统一社会信用代码', 'USCC')}${sep}${s.uscc}`);
  if (s.signingTime !== null) lines.push(`      ${pick(lang, '签章时间（声明）', 'Signing time (claimed)')}${sep}${new Date(s.signingTime * 1000).toISOString()}`);
  for (const c of s.checks) lines.push(`      ${c.ok ? '✔' : '✘'} ${lang === 'en' ? c.name : CHECK_ZH[c.name]}${c.code ? ` [${c.code}]` : ''}${c.detail ? ` — ${c.detail}` : ''}`);
  for (const w of s.warnings) lines.push(`      ⚠ ${w.code}: ${w.message[lang]}`);
  return lines;
}

function formatOfd(r: OfdVerification, file: string, lang: Lang): string[] {
  const lines = [`${SYMBOL[r.indication]} ${file} · ${r.indication} · ${label(`outcome.${r.outcome}`, lang)}${r.code ? ` · ${r.code}` : ''}`, `    ${r.message[lang]}`];
  if (r.detail) lines.push(`    (${r.detail})`);
  if (r.signatures.length) lines.push(`    ${pick(lang, `共 ${r.signatures.length} 个签章/签名`, `${r.signatures.length} signature(s)`)}`);
  for (const s of r.signatures) lines.push(...formatSignature(s, lang));
  return lines;
}
