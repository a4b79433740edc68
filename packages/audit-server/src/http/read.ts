/** The supervisors' read API: counts, records, exports, device chains and the log's proofs. */
import { recordsToCsv } from '@yizhao/sdk';
import { LABELS } from '../labels.js';
import type { Hono } from 'hono';
import { buildExport } from '../export.js';
import { deviceStatus, eachRecord, getRecord, listRecords, parseFilter, stats, type Filter } from '../queries.js';
import type { Store } from '../store.js';
import { supervisorAuth, type AppContext, type Env } from './guards.js';
import { fail } from './errors.js';


function filterOf(c: AppContext): Filter | Response {
  const f = parseFilter(c.req.query());
  return f.ok ? f.filter : fail(c, 'INVALID_QUERY', f.issues);
}

function int(c: AppContext, name: string, dflt: number, min: number, max: number): number | null {
  const v = c.req.query(name);
  if (v === undefined || v === '') return dflt;
  if (!/^\d{1,15}$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

export function readRoutes(app: Hono<Env>, store: Store): void {
  const auth = supervisorAuth(store);
  app.get('/api/v1/stats', auth, async (c) => {
    const f = filterOf(c);
    if (f instanceof Response) return f;
    return c.json({ ...(await stats(store.db, f)), labels: LABELS });
  });

  app.get('/api/v1/records', auth, async (c) => {
    const f = filterOf(c);
    if (f instanceof Response) return f;
    const limit = int(c, 'limit', 50, 1, 500);
    const offset = int(c, 'offset', 0, 0, 1e12);
    if (limit === null || offset === null) return fail(c, 'INVALID_QUERY', [{ path: 'limit/offset', message: 'limit 1–500, offset ≥ 0' }]);
    return c.json(await listRecords(store.db, f, limit, offset));
  });

  app.get('/api/v1/records/:id', auth, async (c) => {
    const found = await getRecord(store.db, c.req.param('id'));
    if (found.length === 0) return fail(c, 'NOT_FOUND');
    const head = await store.latestHead();
    const copies = await Promise.all(found.map(async (r) => ({ ...r, inclusion: head ? (await store.inclusion(r.leafIndex, head.treeSize)).path : [] })));
    return c.json({ treeHead: head, copies });
  });

  app.get('/api/v1/export.csv', auth, async (c) => {
    const f = filterOf(c);
    if (f instanceof Response) return f;
    const records = [];
    for await (const r of eachRecord(store.db, f)) records.push(r.record);
    c.header('Content-Disposition', 'attachment; filename="yizhao-audit.csv"');
    return c.body('\ufeff' + recordsToCsv(records), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  app.get('/api/v1/export.json', auth, async (c) => {
    const f = filterOf(c);
    if (f instanceof Response) return f;
    c.header('Content-Disposition', 'attachment; filename="yizhao-audit.json"');
    return c.json(await buildExport(store, f));
  });

  app.get('/api/v1/devices', auth, async (c) => c.json({ devices: await deviceStatus(store.db) }));

  app.get('/api/v1/log/head', auth, async (c) => c.json({ treeHead: await store.latestHead(), keyId: store.signer.keyId }));
  app.get('/api/v1/log/heads', auth, async (c) => c.json({ treeHeads: await store.treeHeads(int(c, 'limit', 100, 1, 10_000) ?? 100) }));
  app.get('/api/v1/log/key', auth, (c) => c.body(store.signer.publicPem(), 200, { 'Content-Type': 'application/x-pem-file' }));

  app.get('/api/v1/log/inclusion', auth, async (c) => {
    const head = await store.latestHead();
    const size = int(c, 'treeSize', head?.treeSize ?? 0, 1, head?.treeSize ?? 0);
    const index = int(c, 'leafIndex', -1, 0, Math.max(0, (size ?? 0) - 1));
    if (!head || size === null || index === null || index < 0) return fail(c, 'INVALID_QUERY', [{ path: 'leafIndex', message: 'a leaf index below treeSize (≤ the latest head)' }]);
    const sth = await store.treeHeadAt(size);
    return c.json({ ...(await store.inclusion(index, size)), treeHead: sth });
  });

  app.get('/api/v1/log/consistency', auth, async (c) => {
    const head = await store.latestHead();
    const max = head?.treeSize ?? 0;
    const second = int(c, 'second', max, 1, max);
    const first = int(c, 'first', -1, 1, second ?? 0);
    if (!head || first === null || second === null || first < 1) return fail(c, 'INVALID_QUERY', [{ path: 'first', message: '1 ≤ first ≤ second ≤ the latest tree size' }]);
    return c.json({ first, second, proof: await store.consistency(first, second), firstHead: await store.treeHeadAt(first), secondHead: await store.treeHeadAt(second) });
  });
}
