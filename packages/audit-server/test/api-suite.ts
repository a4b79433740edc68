/**
 * The upload API against a running service: ingestion, idempotency, chain breaks, auth and body
 * validation. Defined once, run against SQLite and PostgreSQL (api.*.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, body, startTestServer, upload, type TestServer } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function apiSuite(label: string, postgres: string | null | undefined): void {
  describe.skipIf(postgres === null)(`upload API (${label})`, () => {
    let s: TestServer;
    const count = async () => Number((await s.store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM records'))!.n);

    beforeAll(async () => {
      s = await startTestServer(postgres ? { postgres, chromium: null } : { chromium: null });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('stores a chained batch and reports the device head', async () => {
      const { token, device } = await s.addDevice('窗口 1');
      const records = await chain(device, 3);
      const res = await upload(s.url, token, device, records);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, flagged: [], head: { seq: 3, hash: records[2]!.hash } });
      const head = await s.store.latestHead();
      expect(head?.treeSize).toBeGreaterThanOrEqual(3);
    });

    it('is idempotent by record id: a retried batch stores nothing twice', async () => {
      const { token, device } = await s.addDevice();
      const records = await chain(device, 4);
      expect((await upload(s.url, token, device, records.slice(0, 2))).status).toBe(200);
      const before = await count();
      const size = (await s.store.latestHead())!.treeSize;
      const res = await upload(s.url, token, device, records);
      expect(await res.json()).toMatchObject({ accepted: 2, duplicates: 2, flagged: [], head: { seq: 4 } });
      const again = await upload(s.url, token, device, records);
      expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 4, flagged: [] });
      expect(await count()).toBe(before + 2);
      expect((await s.store.latestHead())!.treeSize).toBe(size + 2);
    });

    it('accepts but flags a gap, a fork and an edited record', async () => {
      const { token, device } = await s.addDevice();
      const records = await chain(device, 6);
      const edited = { ...records[1]!, reason: '改过的说明' };
      const before = await count();
      // seq 1, an edited seq 2, seq 3, then 5 (4 withheld): edited + gap.
      const res = (await (await upload(s.url, token, device, [records[0], edited, records[2], records[4]])).json()) as Json;
      expect(res.accepted).toBe(4);
      expect(res.flagged.map((f: Json) => [f.seq, f.kind])).toEqual([
        [2, 'edited'],
        [5, 'gap'],
      ]);
      expect(res.flagged[1].detail).toContain('4');
      // A different history for seq 3: fork (seq taken, and its prev is not seq 2's hash).
      const [other] = await chain(device, 1, { seq: 2, hash: records[0]!.hash }, () => body({ reason: '另一个版本' }));
      const fork = (await (await upload(s.url, token, device, [other])).json()) as Json;
      expect(fork.flagged.map((f: Json) => f.kind)).toEqual(['fork', 'fork']);
      expect(await count()).toBe(before + 5);
      // The withheld record arrives late: it links cleanly, nothing new is flagged.
      const late = (await (await upload(s.url, token, device, [records[3]])).json()) as Json;
      expect(late).toMatchObject({ accepted: 1, flagged: [], head: { seq: 5 } });
    });

    it('flags a record id reused with different content instead of treating it as a duplicate', async () => {
      const { token, device } = await s.addDevice();
      const [r1] = await chain(device, 1);
      await upload(s.url, token, device, [r1]);
      const [again] = await chain(device, 1, null, () => body({ reason: '同一编号，不同内容' }));
      const res = (await (await upload(s.url, token, device, [{ ...again!, id: r1!.id }])).json()) as Json;
      expect(res.accepted).toBe(1);
      expect(res.flagged.map((f: Json) => f.kind)).toContain('edited');
    });

    it('requires a device token: none or unknown → 401, another device’s → 403', async () => {
      const { token, device } = await s.addDevice();
      const records = await chain(device, 1);
      const none = await fetch(`${s.url}/api/v1/records`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ device, records }) });
      expect(none.status).toBe(401);
      expect(((await none.json()) as Json).error.code).toBe('UNAUTHENTICATED');
      expect((await upload(s.url, 'yzd_not-a-token', device, records)).status).toBe(401);
      const other = crypto.randomUUID();
      const res = await upload(s.url, token, other, await chain(other, 1));
      expect(res.status).toBe(403);
      expect(((await res.json()) as Json).error.code).toBe('FORBIDDEN');
    });

    it('binds an unbound token to the first device that uploads with it', async () => {
      const { token } = await s.addDevice('新窗口', null);
      const device = crypto.randomUUID();
      expect((await upload(s.url, token, device, await chain(device, 1))).status).toBe(200);
      const stranger = crypto.randomUUID();
      expect((await upload(s.url, token, stranger, await chain(stranger, 1))).status).toBe(403);
    });

    it('never lets a device token read, and needs a session for reads', async () => {
      const { token } = await s.addDevice();
      for (const path of ['/api/v1/stats', '/api/v1/records', '/api/v1/export.csv', '/api/v1/devices', '/api/v1/log/head']) {
        const asDevice = await fetch(`${s.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
        expect(asDevice.status, path).toBe(403);
        expect((await fetch(`${s.url}${path}`)).status, path).toBe(401);
      }
      const page = await fetch(`${s.url}/`, { redirect: 'manual' });
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toBe('/login');
      // A supervisor session cannot upload either.
      const cookie = await s.login();
      const res = await fetch(`${s.url}/api/v1/records`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
      expect(res.status).toBe(401);
    });

    it('answers the extension’s CORS preflight for uploads only', async () => {
      const pre = await fetch(`${s.url}/api/v1/records`, { method: 'OPTIONS', headers: { Origin: 'chrome-extension://abcdefghijklmnop', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const read = await fetch(`${s.url}/api/v1/stats`, { headers: { Origin: 'chrome-extension://abcdefghijklmnop' } });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('rejects malformed bodies with clear 4xx errors and writes nothing', async () => {
      const { token, device } = await s.addDevice();
      const good = await chain(device, 3);
      const before = await count();
      const post = (b: string, type = 'application/json') => fetch(`${s.url}/api/v1/records`, { method: 'POST', headers: { 'Content-Type': type, Authorization: `Bearer ${token}` }, body: b });

      const text = await post('device=1', 'application/x-www-form-urlencoded');
      expect(text.status).toBe(415);
      expect(((await text.json()) as Json).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

      const broken = await post('{"device": ');
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as Json).error).toMatchObject({ code: 'INVALID_BODY', issues: [{ path: '(root)' }] });

      const extra = (await (await post(JSON.stringify({ device, records: good, more: 1 }))).json()) as Json;
      expect(extra.error.code).toBe('INVALID_BODY');

      // One bad record among good ones: the whole batch is refused, with the record's path.
      const bad = (await (await upload(s.url, token, device, [good[0], { ...good[1], seq: 0 }, good[2]])).json()) as Json;
      expect(bad.error.code).toBe('INVALID_BODY');
      expect(bad.error.issues[0].path).toBe('records.1.seq');
      expect(bad.error.message['zh-CN']).toBeTruthy();

      const foreign = crypto.randomUUID();
      const mixed = (await (await upload(s.url, token, device, [good[0], ...(await chain(foreign, 1))])).json()) as Json;
      expect(mixed.error.issues[0].path).toBe('records.1.device');

      const tooMany = await upload(s.url, token, device, Array.from({ length: 501 }, () => good[0]));
      expect(tooMany.status).toBe(400);
      expect((await upload(s.url, token, device, [])).status).toBe(400);
      expect(await count()).toBe(before);
    });

    it('refuses bodies over 1 MiB with 413, declared or streamed', async () => {
      const { token, device } = await s.addDevice();
      const huge = JSON.stringify({ device, records: [{ pad: 'x'.repeat(1024 * 1024) }] });
      const declared = await upload(s.url, token, device, [{ pad: 'x'.repeat(1024 * 1024) }]);
      expect(declared.status).toBe(413);
      expect(((await declared.json()) as Json).error.code).toBe('TOO_LARGE');
      const bytes = new TextEncoder().encode(huge);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 65536) c.enqueue(bytes.subarray(i, i + 65536));
          c.close();
        },
      });
      const chunked = await fetch(`${s.url}/api/v1/records`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: stream, duplex: 'half' } as RequestInit);
      expect(chunked.status).toBe(413);
    });

    it('logs supervisors in with hashed passwords and logs out only with the CSRF token', async () => {
      const wrong = await fetch(`${s.url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: s.supervisor.name, password: 'wrong password!' }) });
      expect(wrong.status).toBe(401);
      const res = await fetch(`${s.url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(s.supervisor) });
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const { csrf } = (await res.json()) as Json;
      const cookie = setCookie.split(';')[0]!;
      const stored = await s.store.db.get<{ password: string }>('SELECT password FROM users WHERE name = ?', [s.supervisor.name]);
      expect(stored!.password).toMatch(/^scrypt\$/);
      expect(stored!.password).not.toContain(s.supervisor.password);
      const crossSite = await fetch(`${s.url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: JSON.stringify(s.supervisor) });
      expect(crossSite.status).toBe(403);
      expect((await fetch(`${s.url}/api/v1/session`, { method: 'DELETE', headers: { Cookie: cookie } })).status).toBe(403);
      expect((await fetch(`${s.url}/api/v1/stats`, { headers: { Cookie: cookie } })).status).toBe(200);
      expect((await fetch(`${s.url}/api/v1/session`, { method: 'DELETE', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } })).status).toBe(204);
      expect((await fetch(`${s.url}/api/v1/stats`, { headers: { Cookie: cookie } })).status).toBe(401);
    });
  });
}
