/**
 * `yizhao dev seal-ca | seal-cert | seal | crl` — the TEST-ONLY seal PKI of the dev issuer.
 * Keys are written next to the trust list of a `yizhao dev init` directory.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEAL_KINDS, type SealKind } from '@yizhao/sdk';
import { createCrl, createSealCa, createSealCert, resignTrustList, signSeal, type DevCert } from '@yizhao/sdk/dev';
import { parseAlg, parseCount, parseUnixTime, parseUsccArg } from '../args.js';
import { bundledDemoDir, FILES, readDevIssuer } from '../demo-files.js';
import { ioError } from '../inputs.js';
import { EXIT_OK, pick, UsageError, type CliIO } from '../io.js';

export const SEAL_CA_FILE = 'seal-ca.private.json';
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** A seal certificate file written by `dev seal-cert` (TEST ONLY). */
export interface SealCertFile {
  uscc: string;
  name: string;
  kind: SealKind;
  sealName: string;
  cert: DevCert;
  chain: DevCert[];
}

async function readJson<T>(path: string, io: CliIO): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    throw new UsageError(ioError(io, path, error));
  }
}

const dirOf = (value: string | undefined, io: CliIO) => (value !== undefined ? resolve(io.cwd, value) : bundledDemoDir());

export async function sealCa(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { force: { type: 'boolean' }, lang: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError(pick(io.lang, '用法：yizhao dev seal-ca 目录', 'usage: yizhao dev seal-ca DIR'));
  const dir = resolve(io.cwd, positionals[0]!);
  if (existsSync(join(dir, SEAL_CA_FILE)) && !values.force) throw new UsageError(pick(io.lang, `${positionals[0]} 中已有印章 CA（用 --force 覆盖）`, `${positionals[0]} already holds a seal CA (--force to overwrite)`));
  const issuer = await readDevIssuer(dir).catch(() => {
    throw new UsageError(pick(io.lang, `${positionals[0]} 不是 yizhao dev init 生成的目录`, `${positionals[0]} is not a directory written by yizhao dev init`));
  });
  const ca = await createSealCa();
  const { payload, trust } = await resignTrustList({ ...issuer.trustPayload, sealRoots: [...issuer.trustPayload.sealRoots, ca.root.certificate] }, issuer.signer);
  await writeFile(join(dir, SEAL_CA_FILE), json(ca), { mode: 0o600 });
  await writeFile(join(dir, FILES.trustPayload), json(payload));
  await writeFile(join(dir, FILES.trust), trust + '\n');
  io.err(pick(io.lang, `测试印章 CA 已写入 ${SEAL_CA_FILE}，根证书已加入信任列表（seq ${payload.seq}）`, `Test seal CA written to ${SEAL_CA_FILE}; root added to the trust list (seq ${payload.seq})`));
  io.out(join(dir, SEAL_CA_FILE));
  return EXIT_OK;
}

export async function sealCert(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dir: { type: 'string' },
      uscc: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      'seal-name': { type: 'string' },
      alg: { type: 'string' },
      days: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  if (!values.uscc || !values.name) throw new UsageError(pick(io.lang, '需要 --uscc 和 --name', '--uscc and --name are required'));
  const uscc = parseUsccArg(values.uscc, io);
  const kind = (values.kind ?? 'official') as SealKind;
  if (!SEAL_KINDS.includes(kind)) throw new UsageError(`--kind: ${SEAL_KINDS.join(', ')}`);
  const alg = parseAlg(values.alg, io);
  const ca = await readJson<{ root: DevCert; issuing: DevCert }>(join(dirOf(values.dir, io), SEAL_CA_FILE), io);
  const now = Math.floor(Date.now() / 1000);
  const sealName = values['seal-name'] ?? `${values.name}${KIND_SUFFIX[kind]}`;
  const cert = await createSealCert(ca.issuing, {
    uscc,
    name: values.name,
    sealName,
    alg,
    ...(values.days !== undefined && { notAfter: now + parseCount(values.days, '--days', io) * 86_400 }),
  });
  const file: SealCertFile = { uscc, name: values.name, kind, sealName, cert, chain: [ca.issuing] };
  const out = resolve(io.cwd, values.out ?? `seal-${uscc}-${kind}.private.json`);
  await writeFile(out, json(file), { mode: 0o600 });
  io.err(pick(io.lang, `测试印章证书已写入 ${basename(out)}（仅供测试）`, `Test seal certificate written to ${basename(out)} (TEST ONLY)`));
  io.out(out);
  return EXIT_OK;
}

const KIND_SUFFIX: Record<SealKind, string> = { official: '公章', contract: '合同专用章', finance: '财务专用章', invoice: '发票专用章', 'legal-rep': '法定代表人名章' };

export async function seal(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { cert: { type: 'string' }, out: { type: 'string' }, sigt: { type: 'string' }, dn: { type: 'string' }, lang: { type: 'string' } },
  });
  if (positionals.length !== 1 || !values.cert) throw new UsageError(pick(io.lang, '用法：yizhao dev seal 文件 --cert 印章证书.json [--out 文件.yzseal]', 'usage: yizhao dev seal FILE --cert CERT.json [--out FILE.yzseal]'));
  const file = resolve(io.cwd, positionals[0]!);
  let document: Uint8Array;
  try {
    document = await readFile(file);
  } catch (error) {
    throw new UsageError(ioError(io, positionals[0]!, error));
  }
  const certFile = await readJson<SealCertFile>(resolve(io.cwd, values.cert), io);
  const text = await signSeal(document, certFile.cert, {
    uscc: certFile.uscc,
    kind: certFile.kind,
    sealName: certFile.sealName,
    documentName: values.dn ?? basename(file),
    chain: certFile.chain,
    ...(values.sigt !== undefined && { sigT: parseUnixTime(values.sigt, io) }),
  });
  const out = resolve(io.cwd, values.out ?? `${positionals[0]}.yzseal`);
  await writeFile(out, text + '\n');
  io.err(pick(io.lang, `电子印章签名已写入 ${basename(out)}（测试密钥）`, `Seal signature written to ${basename(out)} (test keys)`));
  io.out(out);
  return EXIT_OK;
}

export async function crl(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { dir: { type: 'string' }, revoke: { type: 'string', multiple: true }, ca: { type: 'string' }, 'next-update-days': { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
  });
  if (!values.out) throw new UsageError(pick(io.lang, '需要 --out 文件', '--out FILE is required'));
  const which = values.ca ?? 'issuing';
  if (which !== 'issuing' && which !== 'root') throw new UsageError('--ca issuing|root');
  const ca = await readJson<{ root: DevCert; issuing: DevCert }>(join(dirOf(values.dir, io), SEAL_CA_FILE), io);
  const now = Math.floor(Date.now() / 1000);
  const der = await createCrl(ca[which], {
    revoked: (values.revoke ?? []).map((serial) => ({ serial: serial.toUpperCase() })),
    thisUpdate: now,
    ...(values['next-update-days'] !== undefined && { nextUpdate: now + parseCount(values['next-update-days'], '--next-update-days', io) * 86_400 }),
  });
  await writeFile(resolve(io.cwd, values.out), der);
  io.err(pick(io.lang, `CRL 已写入 ${values.out}（吊销 ${values.revoke?.length ?? 0} 个序列号）`, `CRL written to ${values.out} (${values.revoke?.length ?? 0} serials revoked)`));
  io.out(resolve(io.cwd, values.out));
  return EXIT_OK;
}
