/**
 * Test helpers, shared with the extension's e2e: `startTestServer()` runs a real audit service on an
 * ephemeral 127.0.0.1 port over a throw-away store (SQLite in a temp dir, or a fresh PostgreSQL
 * schema), with a supervisor account and a helper to issue device tokens. Close it in afterAll.
 *
 *   const server = await startTestServer();
 *   const { token, device } = await server.addDevice('窗口 3');
 *   // POST `${server.url}/api/v1/records` with `Authorization: Bearer ${token}` …
 *   const cookie = await server.login();            // for the dashboard
 *   await server.close();
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createRecord, type ChainHead, type RecordBody, type RefusalRecord } from '@yizhao/sdk';
import { addDeviceToken, setUser } from '../src/auth.js';
import { dropSchema } from '../src/db/postgres.js';
import { startServer } from '../src/server.js';
import { LogSigner } from '../src/sth.js';
import { Store } from '../src/store.js';

export interface TestServer {
  readonly url: string;
  readonly store: Store;
  readonly signer: LogSigner;
  readonly supervisor: { readonly name: string; readonly password: string };
  /** Issues a device token (bound to `device` now, or on its first upload when null). */
  addDevice(name?: string, device?: string | null): Promise<{ token: string; device: string }>;
  /** Logs the supervisor in; returns the Cookie header value. */
  login(): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** A postgres:// URL (a fresh schema is made and dropped); default: SQLite in a temp dir. */
  readonly postgres?: string;
  /** Chromium for the PDF report; null disables it. */
  readonly chromium?: string | null;
}

export async function startTestServer(o: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhao-audit-test-'));
  const schema = o.postgres ? `yz_test_${randomBytes(6).toString('hex')}` : undefined;
  const signer = LogSigner.generate();
  const store = await Store.open(o.postgres ? { database: o.postgres, schema: schema!, signer } : { database: join(dir, 'audit.db'), signer });
  const supervisor = { name: 'supervisor', password: 'correct horse battery' };
  await setUser(store.db, supervisor.name, supervisor.password);
  const server = await startServer(store, { port: 0, host: '127.0.0.1', ...(o.chromium !== undefined ? { chromium: o.chromium } : {}) });
  return {
    url: server.url,
    store,
    signer,
    supervisor,
    async addDevice(name = 'test counter', device: string | null = crypto.randomUUID()) {
      const token = await addDeviceToken(store.db, name, device);
      return { token, device: device ?? '' };
    },
    async login() {
      const res = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(supervisor) });
      if (!res.ok) throw new Error(`login failed: ${res.status}`);
      const cookie = res.headers.get('set-cookie') ?? '';
      return cookie.split(';')[0]!;
    },
    async close() {
      await server.close();
      await store.close();
      if (o.postgres && schema) await dropSchema(o.postgres, schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A record body as the extension records it (defaults: 水利局, 取水许可证新发, one finding). */
export function body(over: Partial<RecordBody> = {}): RecordBody {
  return {
    type: 'paper-licence-demanded',
    matter: { id: 'DZ164-111', name: '取水许可证新发' },
    department: '重庆市大足区水利局',
    page: { url: 'http://zwfw.example/qsxk', title: '取水许可申请' },
    findings: [{ rule: 'paper-licence-copy', severity: 'error', match: '营业执照复印件', selector: 'li:nth-child(2)' }],
    reason: null,
    applicant: null,
    ignored: null,
    ...over,
  };
}

/** n chained records of one device, continuing from `head`. */
export async function chain(device: string, n: number, head: ChainHead | null = null, make: (i: number) => RecordBody = () => body(), at = Date.parse('2025-11-10T02:00:00Z')): Promise<RefusalRecord[]> {
  const out: RefusalRecord[] = [];
  for (let i = 0; i < n; i++) {
    const r = await createRecord(make(i), { device, head, at: at + i * 60_000 });
    out.push(r);
    head = { seq: r.seq, hash: r.hash };
  }
  return out;
}

/** Uploads exactly as the extension does: POST /api/v1/records with the device's bearer token. */
export function upload(url: string, token: string, device: string, records: readonly unknown[]): Promise<Response> {
  return fetch(`${url}/api/v1/records`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ device, records }) });
}

/**
 * The PostgreSQL to test against: TEST_DATABASE_URL, else 127.0.0.1:5432 database `test` as root or
 * postgres. Null (after a loud warning) when none answers, except under CI=true, where it throws.
 */
export async function findPostgres(): Promise<string | null> {
  const candidates = [process.env.TEST_DATABASE_URL, 'postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'].filter((u): u is string => !!u);
  const errors: string[] = [];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return url;
    } catch (error) {
      errors.push(`${url.replace(/\/\/[^@]*@/, '//…@')}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const why = `no PostgreSQL answered (${errors.join('; ')}); start one on 127.0.0.1:5432 with a database "test", or set TEST_DATABASE_URL`;
  if (process.env.CI === 'true') throw new Error(`PostgreSQL suite: ${why}, and CI=true requires it`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! SKIPPED the PostgreSQL suite: ${why}.\n!! The SQLite suite still runs.\n${bar}\n`);
  return null;
}
