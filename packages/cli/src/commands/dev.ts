/**
 * `yizhao dev …` — the TEST-ONLY issuer: `init DIR` writes keys and a demo trust list, `issue` mints a
 * presentation and its QR. Nothing it signs is trusted by a production verifier.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LicenceData } from '@yizhao/sdk';
import { createDevIssuer, demoLicence, mintPresentation, DEMO_USCC } from '@yizhao/sdk/dev';
import { bundledDemoDir, FILES, readDevIssuer, writeDevIssuer } from '../demo-files.js';
import { EXIT_NOT_OK, EXIT_OK, pick, UsageError, type CliIO, type Command } from '../io.js';
import { parseAlg, parseCount, parseUsccArg } from '../args.js';
import { crl, seal, sealCa, sealCert } from './dev-seal.js';
import { QR_VERSION_LIMIT, QR_VERSION_TARGET, qrVersion, terminalQr, writeQrPng } from '../qr.js';

const SUBCOMMANDS: Record<string, Command> = { init, issue, 'seal-ca': sealCa, 'seal-cert': sealCert, seal, crl };

export const run: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  const command = sub !== undefined ? SUBCOMMANDS[sub] : undefined;
  if (!command) throw new UsageError(pick(io.lang, `dev 的子命令：${Object.keys(SUBCOMMANDS).join('、')}`, `dev sub-commands: ${Object.keys(SUBCOMMANDS).join(', ')}`));
  return command(rest, io);
};

async function init(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { iss: { type: 'string' }, name: { type: 'string' }, years: { type: 'string' }, force: { type: 'boolean' }, lang: { type: 'string' } },
  });
  const [target] = positionals;
  if (!target || positionals.length > 1) throw new UsageError(pick(io.lang, '用法：yizhao dev init DIR', 'usage: yizhao dev init DIR'));
  const dir = resolve(io.cwd, target);
  if (existsSync(resolve(dir, FILES.trust)) && !values.force) throw new UsageError(pick(io.lang, `${target} 中已有信任列表（用 --force 覆盖）`, `${target} already holds a trust list (--force to overwrite)`));
  const files = await createDevIssuer({
    ...(values.iss !== undefined && { iss: values.iss }),
    ...(values.name !== undefined && { name: values.name }),
    ...(values.years !== undefined && { years: parseCount(values.years, '--years', io) }),
  });
  await writeDevIssuer(dir, files);
  io.err(pick(io.lang, `已在 ${target} 生成测试签发方（仅供测试）：`, `Test issuer written to ${target} (TEST KEYS ONLY):`));
  io.err(`  ${FILES.trust}  ${FILES.pin}  ${FILES.issuer}  ${FILES.signer}`);
  io.out(dir);
  return EXIT_OK;
}

async function issue(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dir: { type: 'string' },
      uscc: { type: 'string' },
      name: { type: 'string' },
      lr: { type: 'string' },
      type: { type: 'string' },
      est: { type: 'string' },
      ra: { type: 'string' },
      status: { type: 'string' },
      cap: { type: 'string' },
      addr: { type: 'string' },
      'business-scope': { type: 'string' },
      aud: { type: 'string' },
      scp: { type: 'string' },
      nonce: { type: 'string' },
      ttl: { type: 'string' },
      zip: { type: 'boolean' },
      alg: { type: 'string' },
      'status-list': { type: 'string' },
      'status-index': { type: 'string' },
      png: { type: 'string' },
      qr: { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  const uscc = parseUsccArg(values.uscc ?? DEMO_USCC, io);
  const alg = parseAlg(values.alg, io);
  const ttl = values.ttl !== undefined ? parseCount(values.ttl, '--ttl', io) : 300;
  if (ttl < 1 || ttl > 600) throw new UsageError(pick(io.lang, '--ttl 须在 1–600 秒之间（验证方默认最长 600 秒）', '--ttl must be 1–600 s (verifiers accept at most 600 s by default)'));

  const dir = values.dir !== undefined ? resolve(io.cwd, values.dir) : bundledDemoDir();
  const files = await readDevIssuer(dir).catch(() => {
    throw new UsageError(pick(io.lang, `${dir} 不是 yizhao dev init 生成的目录`, `${dir} is not a directory written by yizhao dev init`));
  });
  const key = files.issuer.keys.find((k) => k.alg === alg);
  if (!key) throw new UsageError(pick(io.lang, `签发方没有 ${alg} 密钥`, `the issuer has no ${alg} key`));

  const licence: LicenceData = demoLicence({
    ...(values.name !== undefined && { name: values.name }),
    ...(values.lr !== undefined && { legalRepresentative: values.lr }),
    ...(values.type !== undefined && { type: values.type }),
    ...(values.est !== undefined && { established: values.est }),
    ...(values.ra !== undefined && { registrationAuthority: values.ra }),
    ...(values.status !== undefined && { status: values.status as LicenceData['status'] }),
    ...(values.cap !== undefined && { capital: values.cap }),
    ...(values.addr !== undefined && { address: values.addr }),
    ...(values['business-scope'] !== undefined && { scope: values['business-scope'] }),
  });
  const statusList = values['status-list'];
  const text = await mintPresentation({
    key,
    iss: files.issuer.iss,
    uscc,
    licence,
    ttl,
    zip: values.zip ?? false,
    ...(values.aud !== undefined && { aud: values.aud }),
    ...(values.nonce !== undefined && { nonce: values.nonce }),
    ...(values.scp !== undefined && { scp: values.scp.split(',').map((s) => s.trim()).filter(Boolean) }),
    ...(statusList !== undefined && { sts: { l: statusList, i: parseCount(values['status-index'] ?? '0', '--status-index', io) } }),
  });

  const version = qrVersion(text);
  if (version > QR_VERSION_LIMIT) {
    io.err(pick(io.lang, `出示码需要 QR 版本 ${version === Infinity ? '40 以上' : version}-M，超过上限 ${QR_VERSION_LIMIT}-M（${text.length} 字节）：请加 --zip 或省略可选字段`, `the presentation needs QR version ${version === Infinity ? 'above 40' : version}-M, above the limit ${QR_VERSION_LIMIT}-M (${text.length} bytes): add --zip or leave out optional fields`));
    return EXIT_NOT_OK;
  }
  if (version > QR_VERSION_TARGET) io.err(pick(io.lang, `提示：QR 版本 ${version}-M 高于建议的 ${QR_VERSION_TARGET}-M，可加 --zip`, `note: QR version ${version}-M is above the recommended ${QR_VERSION_TARGET}-M; consider --zip`));
  if (values.png) {
    await writeQrPng(resolve(io.cwd, values.png), text);
    io.err(pick(io.lang, `二维码已写入 ${values.png}（版本 ${version}-M）`, `QR written to ${values.png} (version ${version}-M)`));
  }
  if (values.qr) io.err(await terminalQr(text));
  io.out(text);
  return EXIT_OK;
}
