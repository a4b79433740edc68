/**
 * The Merkle log, queries, exports and offline verification against a running service; run against
 * SQLite and PostgreSQL (log.*.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical.js';
import type { AuditExport } from '../src/export.js';
import { fromB64u, leafHash, verifyConsistency, verifyInclusion } from '../src/merkle.js';
import { verifyTreeHead, type TreeHead } from '../src/sth.js';
import { verifyExport, verifyStore } from '../src/verify.js';
import { body, chain, startTestServer, upload, type TestServer } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function logSuite(label: string, postgres: string | null | undefined): void {
  describe.skipIf(postgres === null)(`Merkle log, queries and verification (${label})`, () => {
    let s: TestServer;
    let cookie: string;
    let firstHead: TreeHead;
    const get = async (path: string) => {
      const res = await fetch(`${s.url}${path}`, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      return res;
    };
    const json = async (path: string) => (await (await get(path)).json()) as Json;

    beforeAll(async () => {
      s = await startTestServer(postgres ? { postgres, chromium: null } : { chromium: null });
      cookie = await s.login();
      const a = await s.addDevice('水利局窗口');
      const b = await s.addDevice('市场监管局窗口');
      const water = await chain(a.device, 5, null, (i) => body({ findings: [{ rule: i % 2 ? 'seal-physical' : 'paper-licence-copy', severity: 'error', match: '加盖公章', selector: 'p' }] }));
      await upload(s.url, a.token, a.device, water.slice(0, 2));
      firstHead = (await s.store.latestHead())!;
      await upload(s.url, a.token, a.device, water.slice(2));
      const market = await chain(
        b.device,
        4,
        null,
        (i) => body({ type: i === 0 ? 'e-seal-refused' : 'e-licence-refused', department: '重庆市大足区市场监督管理局', matter: { id: 'DZ164-001', name: '某事项' }, findings: [] }),
        Date.parse('2025-11-20T02:00:00Z'),
      );
      // seq 3 withheld: a flagged gap.
      await upload(s.url, b.token, b.device, [market[0], market[1], market[3]]);
    });
    afterAll(async () => {
      await s?.close();
    });

    it('signs every tree head with the service key', async () => {
      const { treeHeads } = await json('/api/v1/log/heads');
      expect(treeHeads.map((h: TreeHead) => h.treeSize)).toEqual([8, 5, 2]);
      for (const h of treeHeads) expect(verifyTreeHead(h, s.signer.publicKey)).toBe(true);
      expect(verifyTreeHead({ ...treeHeads[0], treeSize: 7 }, s.signer.publicKey)).toBe(false);
      expect(await (await get('/api/v1/log/key')).text()).toBe(s.signer.publicPem());
    });

    it('proves each record’s inclusion against the latest head', async () => {
      const { records } = await json('/api/v1/records?limit=500');
      const { treeHead } = await json('/api/v1/log/head');
      expect(records).toHaveLength(8);
      for (const r of records) {
        const p = await json(`/api/v1/log/inclusion?leafIndex=${r.leafIndex}`);
        const leaf = leafHash(Buffer.from(canonicalJson(r.record)));
        expect(verifyInclusion(leaf, r.leafIndex, p.treeSize, p.path.map(fromB64u), fromB64u(treeHead.rootHash))).toBe(true);
        const detail = await json(`/api/v1/records/${r.record.id}`);
        expect(verifyInclusion(leaf, r.leafIndex, treeHead.treeSize, detail.copies[0].inclusion.map(fromB64u), fromB64u(treeHead.rootHash))).toBe(true);
      }
    });

    it('proves that a kept earlier head is a prefix of the current log', async () => {
      const p = await json(`/api/v1/log/consistency?first=${firstHead.treeSize}`);
      const latest = (await s.store.latestHead())!;
      expect(p.second).toBe(latest.treeSize);
      expect(verifyConsistency(firstHead.treeSize, latest.treeSize, fromB64u(firstHead.rootHash), fromB64u(latest.rootHash), p.proof.map(fromB64u))).toBe(true);
      expect((await fetch(`${s.url}/api/v1/log/consistency?first=0`, { headers: { Cookie: cookie } })).status).toBe(400);
    });

    it('counts by department, matter, rule, type, device, day and week, with filters', async () => {
      const all = await json('/api/v1/stats');
      expect(all.total).toBe(8);
      expect(all.byDepartment).toEqual([
        { key: '重庆市大足区水利局', n: 5 },
        { key: '重庆市大足区市场监督管理局', n: 3 },
      ]);
      expect(all.byRule).toEqual([
        { key: 'paper-licence-copy', n: 3 },
        { key: 'seal-physical', n: 2 },
      ]);
      expect(all.byMatter.find((c: Json) => c.key === 'DZ164-111').n).toBe(5);
      expect(all.byType.find((c: Json) => c.key === 'e-licence-refused').n).toBe(2);
      expect(all.byDevice.map((c: Json) => c.n)).toEqual([5, 3]);
      expect(all.byDay).toEqual([
        { key: '2025-11-10', n: 5 },
        { key: '2025-11-20', n: 3 },
      ]);
      expect(all.byWeek.map((c: Json) => c.key)).toEqual(['2025-11-10', '2025-11-17']);
      expect(all.labels.departments['重庆市大足区水利局']).toBe('区水利局');
      expect((await json('/api/v1/stats?rule=seal-physical')).byDepartment).toEqual([{ key: '重庆市大足区水利局', n: 2 }]);
      expect((await json('/api/v1/stats?from=2025-11-15')).total).toBe(3);
      expect((await json('/api/v1/stats?type=e-seal-refused&department=重庆市大足区市场监督管理局')).total).toBe(1);
      expect((await fetch(`${s.url}/api/v1/stats?from=11/15`, { headers: { Cookie: cookie } })).status).toBe(400);
    });

    it('counts one device from its records, and rebuilt roll-ups equal the incremental ones', async () => {
      const all = await json('/api/v1/stats');
      const device = all.byDevice[1].key;
      const one = await json(`/api/v1/stats?device=${device}`);
      expect(one).toMatchObject({ total: 3, byDevice: [{ key: device, n: 3 }], byRule: [] });
      expect(one.byType.map((c: Json) => c.n).sort()).toEqual([1, 2]);
      const byDept = await json(`/api/v1/stats?department=${encodeURIComponent('重庆市大足区水利局')}`);
      expect(byDept.byDevice).toEqual([{ key: all.byDevice[0].key, n: 5 }]);
      const { rebuildRollups, stats } = await import('../src/queries.js');
      const before = await stats(s.store.db, {});
      await rebuildRollups(s.store.db);
      expect(await stats(s.store.db, {})).toEqual(before);
      expect(await stats(s.store.db, { rule: 'seal-physical' })).toMatchObject({ total: 2 });
    });

    it('lists and filters records, flagged ones with their flags', async () => {
      const flagged = await json('/api/v1/records?flagged=1');
      expect(flagged.total).toBe(1);
      expect(flagged.records[0].record.seq).toBe(4);
      expect(flagged.records[0].flags[0].kind).toBe('gap');
      const rule = await json('/api/v1/records?rule=seal-physical&limit=1');
      expect(rule.total).toBe(2);
      expect(rule.records).toHaveLength(1);
      const dept = await json(`/api/v1/records?department=${encodeURIComponent('重庆市大足区水利局')}&from=2025-11-10&to=2025-11-10`);
      expect(dept.total).toBe(5);
      const devices = await json('/api/v1/devices');
      expect(devices.devices.map((d: Json) => [d.names[0], d.records, d.flagged, d.headSeq]).sort()).toEqual([
        ['市场监管局窗口', 3, 1, 4],
        ['水利局窗口', 5, 0, 5],
      ]);
    });

    it('exports CSV and a JSON export that verifies offline', async () => {
      const csv = await (await get('/api/v1/export.csv?department=' + encodeURIComponent('重庆市大足区市场监督管理局'))).text();
      expect(csv.trim().split('\r\n')).toHaveLength(4);
      expect(csv).toContain('"e-seal-refused"');
      const full = (await json('/api/v1/export.json')) as AuditExport;
      expect(full.complete).toBe(true);
      const ok = await verifyExport(full, { key: s.signer.publicKey });
      expect(ok.problems).toEqual([]);
      expect(ok).toMatchObject({ ok: true, records: 8, treeSize: 8, complete: true, keySource: 'given', flagged: 1 });
      const part = (await json('/api/v1/export.json?rule=seal-physical')) as AuditExport;
      expect(part.records).toHaveLength(2);
      expect(await verifyExport(part, { key: s.signer.publicKey })).toMatchObject({ ok: true, complete: false, records: 2 });
      // An edited exported record no longer proves its inclusion.
      const forged = structuredClone(part);
      forged.records[0]!.record.reason = '事后改写';
      const bad = await verifyExport(forged, { key: s.signer.publicKey });
      expect(bad.ok).toBe(false);
      expect(bad.problems.map((p) => p.kind)).toContain('proof');
      // Dropping a record from a complete export breaks it too.
      const dropped = { ...structuredClone(full), records: full.records.filter((r) => r.leafIndex !== 3) };
      expect((await verifyExport(dropped, { key: s.signer.publicKey })).ok).toBe(false);
    });

    it('verifies the whole store offline, and catches a removed or edited record', async () => {
      const ok = await verifyStore(s.store.db, { key: s.signer.publicKey, savedHeads: [firstHead] });
      expect(ok.problems).toEqual([]);
      expect(ok).toMatchObject({ ok: true, records: 8, treeSize: 8, heads: 3, flagged: 1 });
      const other = (await import('../src/sth.js')).LogSigner.generate();
      expect((await verifyStore(s.store.db, { key: other.publicKey })).problems.map((p) => p.kind)).toContain('signature');

      const row = (await s.store.db.get<{ body: string }>('SELECT body FROM records WHERE idx = 6'))!;
      const edited = row.body.replace('"reason":null', '"reason":"事后改写"');
      expect(edited).not.toBe(row.body);
      await s.store.db.run('UPDATE records SET body = ? WHERE idx = 6', [edited]);
      const editedReport = await verifyStore(s.store.db, { key: s.signer.publicKey });
      expect(editedReport.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['head', 'flags']));
      await s.store.db.run('UPDATE records SET body = ? WHERE idx = 6', [row.body]);
      await s.store.db.run('DELETE FROM flags WHERE idx = 7');
      const unflagged = await verifyStore(s.store.db, { key: s.signer.publicKey });
      expect(unflagged.problems.map((p) => p.kind)).toEqual(['flags']);
      await s.store.db.run('DELETE FROM records WHERE idx = 7');
      const removed = await verifyStore(s.store.db, { key: s.signer.publicKey });
      expect(removed.ok).toBe(false);
      expect(removed.problems.some((p) => p.kind === 'head' && p.detail.includes('removed'))).toBe(true);
    });
  });
}
