/**
 * `yizhao audit …`: the supervisors' refusal-record service (@yizhao/audit-server).
 *   serve                      run the service and dashboard
 *   device add|list|revoke     clerk devices' upload tokens (a token is printed once)
 *   user add NAME              a supervisor account (password from --password-file or stdin)
 *   key | head                 the log's public key, the latest signed tree head (keep it)
 *   verify                     offline check of a store or export: chains, Merkle log, signatures
 * The store is --db (a SQLite file or postgres:// URL), else $DATABASE_URL, else ./yizhao-audit.db.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { TreeHead, VerifyReport } from '@yizhao/audit-server';
import { EXIT_NOT_OK, EXIT_OK, pick, UsageError, type CliIO, type Command } from '../io.js';

const OPTIONS = {
  db: { type: 'string' },
  'key-file': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'secure-cookies': { type: 'boolean' },
  device: { type: 'string' },
  'password-file': { type: 'string' },
  export: { type: 'string' },
  key: { type: 'string' },
  head: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [sub, ...rest] = positionals;
  switch (sub) {
    case 'serve':
      return serve(values, io);
    case 'device':
      return device(rest, values, io);
    case 'user':
      return user(rest, values, io);
    case 'key':
    case 'head':
      return show(sub, values, io);
    case 'verify':
      return verify(values, io);
    default:
      throw new UsageError(
        sub === undefined
          ? pick(io.lang, '请给出子命令：serve、device、user、key、head 或 verify', 'give a sub-command: serve, device, user, key, head or verify')
          : pick(io.lang, `未知子命令“${sub}”`, `unknown sub-command "${sub}"`),
      );
  }
};

async function openStore(values: Values, io: CliIO) {
  const { Store, isPostgresUrl } = await import('@yizhao/audit-server');
  const db = values.db ?? process.env.DATABASE_URL ?? 'yizhao-audit.db';
  return Store.open({ database: isPostgresUrl(db) ? db : resolve(io.cwd, db), ...(values['key-file'] ? { keyFile: resolve(io.cwd, values['key-file']) } : {}) });
}

async function serve(values: Values, io: CliIO): Promise<number> {
  const { startServer } = await import('@yizhao/audit-server');
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(pick(io.lang, '--port 需要 0–65535', '--port takes 0–65535'));
  const store = await openStore(values, io);
  const server = await startServer(store, { port, host: values.host ?? '127.0.0.1', secureCookies: !!values['secure-cookies'] });
  io.err(pick(io.lang, `拒收记录服务已启动：${server.url}（Ctrl+C 停止）`, `audit service on ${server.url} (Ctrl+C stops)`));
  io.out(server.url);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  await store.close();
  return EXIT_OK;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function device(rest: string[], values: Values, io: CliIO): Promise<number> {
  const [action, name, ...more] = rest;
  const { addDeviceToken, listDeviceTokens, revokeDeviceTokens } = await import('@yizhao/audit-server');
  if (action === 'list') {
    const store = await openStore(values, io);
    try {
      const tokens = await listDeviceTokens(store.db);
      if (values.json) io.out(JSON.stringify(tokens));
      else for (const t of tokens) io.out(`${t.name}\t${t.device ?? pick(io.lang, '（待首次上传绑定）', '(binds on first upload)')}\t${t.revoked_at ? pick(io.lang, '已吊销', 'revoked') : pick(io.lang, '有效', 'active')}`);
    } finally {
      await store.close();
    }
    return EXIT_OK;
  }
  if ((action !== 'add' && action !== 'revoke') || !name || more.length) throw new UsageError(pick(io.lang, '用法：audit device add|revoke 名称，或 audit device list', 'usage: audit device add|revoke NAME, or audit device list'));
  if (values.device !== undefined && !UUID.test(values.device)) throw new UsageError(pick(io.lang, '--device 需要小写 UUID', '--device takes a lower-case UUID'));
  const store = await openStore(values, io);
  try {
    if (action === 'revoke') {
      const n = await revokeDeviceTokens(store.db, name);
      io.err(pick(io.lang, `已吊销 ${n} 个令牌`, `${n} token(s) revoked`));
      return n ? EXIT_OK : EXIT_NOT_OK;
    }
    const token = await addDeviceToken(store.db, name, values.device ?? null);
    io.err(pick(io.lang, `设备“${name}”的上传令牌（只显示这一次，请填入扩展的设置）：`, `upload token for "${name}" (shown once; enter it in the extension's options):`));
    io.out(token);
  } finally {
    await store.close();
  }
  return EXIT_OK;
}

async function readPassword(values: Values, io: CliIO): Promise<string> {
  if (values['password-file']) return readFileSync(resolve(io.cwd, values['password-file']), 'utf8').split(/\r?\n/)[0] ?? '';
  if (process.stdin.isTTY) io.err(pick(io.lang, '请输入密码后回车：', 'type the password and press Enter:'));
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function user(rest: string[], values: Values, io: CliIO): Promise<number> {
  const [action, name, ...more] = rest;
  if (action !== 'add' || !name || more.length) throw new UsageError(pick(io.lang, '用法：audit user add 名称 [--password-file 文件]', 'usage: audit user add NAME [--password-file FILE]'));
  const { setUser, MIN_PASSWORD_LENGTH } = await import('@yizhao/audit-server');
  const password = await readPassword(values, io);
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(pick(io.lang, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`));
  const store = await openStore(values, io);
  try {
    await setUser(store.db, name, password);
  } finally {
    await store.close();
  }
  io.err(pick(io.lang, `监督人员账号“${name}”已设置（scrypt 哈希保存）`, `supervisor "${name}" set (password stored as scrypt hash)`));
  return EXIT_OK;
}

async function show(what: 'key' | 'head', values: Values, io: CliIO): Promise<number> {
  const store = await openStore(values, io);
  try {
    if (what === 'key') io.out(store.signer.publicPem().trimEnd());
    else io.out(JSON.stringify(await store.latestHead()));
  } finally {
    await store.close();
  }
  return EXIT_OK;
}

async function verify(values: Values, io: CliIO): Promise<number> {
  if ((values.db === undefined) === (values.export === undefined)) throw new UsageError(pick(io.lang, '请给出 --db 或 --export 之一', 'give one of --db and --export'));
  const server = await import('@yizhao/audit-server');
  const read = (f: string) => readFileSync(resolve(io.cwd, f));
  const key = values.key ? server.publicKeyFromPem(read(values.key)) : undefined;
  const savedHeads = (values.head ?? []).map((f) => JSON.parse(read(f).toString('utf8')) as TreeHead);
  const o = { ...(key ? { key } : {}), savedHeads };
  let report: VerifyReport;
  if (values.export !== undefined) {
    report = await server.verifyExport(JSON.parse(read(values.export).toString('utf8')), o);
  } else {
    const url = values.db!;
    if (!server.isPostgresUrl(url) && !existsSync(resolve(io.cwd, url))) throw new UsageError(pick(io.lang, `找不到数据库文件“${url}”`, `no database file "${url}"`));
    const { openSqlite, openPostgres } = server;
    const db = server.isPostgresUrl(url) ? await openPostgres(url) : openSqlite(resolve(io.cwd, url), { readonly: true });
    try {
      report = await server.verifyStore(db, o);
    } finally {
      await db.close();
    }
  }
  if (values.json) io.out(JSON.stringify(report));
  else {
    const lang = io.lang;
    io.out(pick(lang, `记录 ${report.records} 条，日志树 ${report.treeSize}，签名树头 ${report.heads} 个，链异常记录 ${report.flagged} 条`, `${report.records} records, tree size ${report.treeSize}, ${report.heads} signed heads, ${report.flagged} flagged records`));
    io.out(pick(lang, `公钥：${report.keySource === 'given' ? '由 --key 指定' : report.keySource === 'embedded' ? '取自被检数据本身（建议用 --key 指定）' : '无'} ${report.keyId ?? ''}`, `key: ${report.keySource === 'given' ? 'given with --key' : report.keySource === 'embedded' ? 'taken from the data itself (pass --key)' : 'none'} ${report.keyId ?? ''}`));
    if (!report.complete) io.out(pick(lang, '部分导出：只核验了各记录的包含证明', 'partial export: only inclusion proofs were checked'));
    for (const p of report.problems) io.out(`✗ [${p.kind}] ${p.detail}`);
    io.out(report.ok ? pick(lang, '✓ 核验通过', '✓ verified') : pick(lang, `✗ 发现 ${report.problems.length} 处问题`, `✗ ${report.problems.length} problem(s)`));
  }
  return report.ok ? EXIT_OK : EXIT_NOT_OK;
}
