import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExport, openSqlite, Store } from '@yizhao/audit-server';
import { createRecord, type ChainHead, type RefusalRecord } from '@yizhao/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../io.js';
import { main } from '../main.js';

function fakeIO(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), lang: 'zh-CN', cwd };
  return { io, out, err };
}

async function records(device: string, n: number): Promise<RefusalRecord[]> {
  const out: RefusalRecord[] = [];
  let head: ChainHead | null = null;
  for (let i = 0; i < n; i++) {
    const r = await createRecord(
      { type: 'e-licence-refused', matter: null, department: '重庆市大足区水利局', page: null, findings: [], reason: `第 ${i + 1} 次`, applicant: null, ignored: null },
      { device, head, at: Date.parse('2025-11-03T01:00:00Z') + i },
    );
    out.push(r);
    head = { seq: r.seq, hash: r.hash };
  }
  return out;
}

describe('yizhao audit', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yizhao-cli-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('device add prints a token once; user add stores a supervisor; key and head print the log identity', async () => {
    const t = fakeIO(dir);
    expect(await main(['audit', 'device', 'add', '窗口 7', '--db', 'a.db'], t.io)).toBe(0);
    expect(t.out).toHaveLength(1);
    expect(t.out[0]).toMatch(/^yzd_[A-Za-z0-9_-]{43}$/);
    expect(t.err.join('\n')).toContain('只显示这一次');

    writeFileSync(join(dir, 'pw.txt'), 'a long enough password\n');
    const u = fakeIO(dir);
    expect(await main(['audit', 'user', 'add', 'zhang', '--password-file', 'pw.txt', '--db', 'a.db'], u.io)).toBe(0);
    writeFileSync(join(dir, 'short.txt'), 'short\n');
    expect(await main(['audit', 'user', 'add', 'li', '--password-file', 'short.txt', '--db', 'a.db'], fakeIO(dir).io)).toBe(2);

    const k = fakeIO(dir);
    expect(await main(['audit', 'key', '--db', 'a.db'], k.io)).toBe(0);
    expect(k.out[0]).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const l = fakeIO(dir);
    expect(await main(['audit', 'device', 'list', '--db', 'a.db', '--json'], l.io)).toBe(0);
    expect(JSON.parse(l.out[0]!)).toEqual([expect.objectContaining({ name: '窗口 7', device: null })]);
  });

  it('verify checks a store and an export offline, and fails on a removed record', async () => {
    const store = await Store.open({ database: join(dir, 'b.db') });
    const device = crypto.randomUUID();
    const rs = await records(device, 6);
    await store.ingest(device, rs.slice(0, 3));
    writeFileSync(join(dir, 'head.json'), JSON.stringify(await store.latestHead()));
    await store.ingest(device, rs.slice(3));
    writeFileSync(join(dir, 'export.json'), JSON.stringify(await buildExport(store, {})));
    writeFileSync(join(dir, 'log.pub.pem'), store.signer.publicPem());
    await store.close();

    const ok = fakeIO(dir);
    expect(await main(['audit', 'verify', '--db', 'b.db', '--key', 'log.pub.pem', '--head', 'head.json'], ok.io)).toBe(0);
    expect(ok.out.join('\n')).toContain('核验通过');
    expect(ok.out[0]).toContain('记录 6 条');
    const ex = fakeIO(dir);
    expect(await main(['audit', 'verify', '--export', 'export.json', '--key', 'log.pub.pem', '--json'], ex.io)).toBe(0);
    expect(JSON.parse(ex.out[0]!)).toMatchObject({ ok: true, records: 6, complete: true, keySource: 'given' });

    const db = openSqlite(join(dir, 'b.db'));
    await db.run('DELETE FROM records WHERE idx = 5');
    await db.close();
    const bad = fakeIO(dir);
    bad.io.lang = 'en';
    expect(await main(['audit', 'verify', '--db', 'b.db', '--key', 'log.pub.pem', '--head', 'head.json'], bad.io)).toBe(1);
    expect(bad.out.join('\n')).toMatch(/records were removed/);
  });

  it('usage errors exit 2', async () => {
    expect(await main(['audit'], fakeIO(dir).io)).toBe(2);
    expect(await main(['audit', 'verify'], fakeIO(dir).io)).toBe(2);
    expect(await main(['audit', 'verify', '--db', 'x.db', '--export', 'y.json'], fakeIO(dir).io)).toBe(2);
    expect(await main(['audit', 'device', 'add'], fakeIO(dir).io)).toBe(2);
    expect(await main(['audit', 'nope'], fakeIO(dir).io)).toBe(2);
  });
});
