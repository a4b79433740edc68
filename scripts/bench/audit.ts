/**
 * Audit service on SQLite. (1) Ingest rate: real chained records (SDK createRecord) through the
 * store's ingest path (chain check, Merkle append, roll-ups, signed head per batch of 500), and the
 * same over HTTP (with schema validation). Target ≥ 5,000 records/s. (2) Dashboard aggregate time
 * over 1,000,000 records: the stats query behind the charts, unfiltered and filtered. Target ≤ 200 ms.
 * The 1M rows are bulk-inserted (synthetic, one transaction per 50,000) into a temp DB outside the
 * repo, and the roll-ups rebuilt from them; nothing of it is left behind.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRecord, DEPARTMENTS, MATTERS, RECORD_TYPES, type ChainHead, type RefusalRecord } from '../../packages/sdk/src/index.js';
import { addDeviceToken } from '../../packages/audit-server/src/auth.js';
import { listRecords, rebuildRollups, stats } from '../../packages/audit-server/src/queries.js';
import { startServer } from '../../packages/audit-server/src/server.js';
import { Store } from '../../packages/audit-server/src/store.js';

const INGEST = Number(process.env.BENCH_AUDIT_INGEST ?? 20_000);
const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const BATCH = 500;
const dir = mkdtempSync(join(tmpdir(), 'yizhao-bench-audit-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rules = ['paper-licence-copy', 'paper-licence-original', 'seal-physical', 'seal-copy', 'e-licence-refused', 'e-seal-refused', 'stamp-required', 'paper-form'];

async function makeChains(devices: number, perDevice: number): Promise<{ device: string; records: RefusalRecord[] }[]> {
  const out = [];
  for (let d = 0; d < devices; d++) {
    const device = crypto.randomUUID();
    const records: RefusalRecord[] = [];
    let head: ChainHead | null = null;
    for (let i = 0; i < perDevice; i++) {
      const m = MATTERS[(d * 7 + i) % MATTERS.length]!;
      const r = await createRecord(
        {
          type: RECORD_TYPES[i % 3]!,
          matter: { id: m.id, name: m.name },
          department: m.department,
          page: { url: `http://zwfw.example/${m.id}`, title: m.name },
          findings: [{ rule: rules[i % rules.length]!, severity: 'error', match: '营业执照复印件', selector: 'ul > li:nth-child(3)' }],
          reason: i % 5 ? null : '窗口要求提供纸质营业执照复印件',
          applicant: null,
          ignored: null,
        },
        { device, head, at: Date.parse('2025-01-01T00:00:00Z') + i * 600_000 },
      );
      records.push(r);
      head = { seq: r.seq, hash: r.hash };
    }
    out.push({ device, records });
  }
  return out;
}

async function benchIngest(): Promise<void> {
  const chains = await makeChains(INGEST / 1000, 1000);
  const store = await Store.open({ database: join(dir, 'ingest.db') });
  let t0 = performance.now();
  for (const { device, records } of chains) for (let i = 0; i < records.length; i += BATCH) await store.ingest(device, records.slice(i, i + BATCH));
  const direct = INGEST / ((performance.now() - t0) / 1000);
  console.log(`ingest (store path, batches of ${BATCH}): ${INGEST} records, ${Math.round(direct).toLocaleString('en')} records/s`);

  const http = await Store.open({ database: join(dir, 'http.db') });
  const server = await startServer(http, { port: 0, chromium: null });
  const httpChains = await makeChains(INGEST / 2000, 1000);
  const tokens = await Promise.all(httpChains.map((c) => addDeviceToken(http.db, 'bench', c.device)));
  // Bodies are serialised before the clock starts: the client's work is not the server's ingest rate.
  const posts = httpChains.flatMap(({ device, records }, k) =>
    Array.from({ length: Math.ceil(records.length / BATCH) }, (_, j) => ({ token: tokens[k]!, body: JSON.stringify({ device, records: records.slice(j * BATCH, (j + 1) * BATCH) }) })),
  );
  t0 = performance.now();
  for (const p of posts) {
    const res = await fetch(`${server.url}/api/v1/records`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${p.token}` }, body: p.body });
    if (res.status !== 200) throw new Error(`upload: HTTP ${res.status}`);
  }
  const viaHttp = (INGEST / 2) / ((performance.now() - t0) / 1000);
  console.log(`ingest (HTTP POST /api/v1/records, zod validation): ${INGEST / 2} records, ${Math.round(viaHttp).toLocaleString('en')} records/s`);
  console.log(`target ≥ 5,000 records/s: ${direct >= 5000 && viaHttp >= 5000 ? 'met' : 'NOT met'}`);
  await server.close();
  await http.close();
  await store.close();
}

/** 1M synthetic rows straight into the tables (bodies are placeholders: this measures queries only). */
async function load(file: string): Promise<void> {
  const store = await Store.open({ database: file });
  await store.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO records (idx, id, hash, device, seq, at, day, type, matter_id, matter_name, department, page_url, page_title, reason, rules, flagged, body, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const insertRule = db.prepare('INSERT INTO record_rules (idx, rule, day, device, department, matter_id, type) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // 200 counters, each in one department and serving that department's matters, over one year.
  const devices = Array.from({ length: 200 }, (_, i) => ({ id: crypto.randomUUID(), dept: DEPARTMENTS[i % DEPARTMENTS.length]!.name, seq: 0 }));
  const byDept = new Map(DEPARTMENTS.map((d) => [d.name, MATTERS.filter((m) => m.department === d.name)]));
  const start = Date.parse('2025-01-01T00:00:00Z');
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const d = devices[(i * 7919) % devices.length]!;
      const ms = byDept.get(d.dept) ?? [];
      const m = ms.length ? ms[i % ms.length]! : null;
      const at = start + Math.floor((i / ROWS) * 365 * 86_400_000);
      const rule = rules[(i * 31) % rules.length]!;
      const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
      insert.run(i, crypto.randomUUID(), 'h'.repeat(43), d.id, ++d.seq, at, day, RECORD_TYPES[i % 4], m?.id ?? null, m?.name ?? null, d.dept, null, null, null, rule, 0, '{}', at);
      insertRule.run(i, rule, day, d.id, d.dept, m?.id ?? '', RECORD_TYPES[i % 4]);
    }
  });
  for (let i = 0; i < ROWS; i += 50_000) chunk(i, Math.min(ROWS, i + 50_000));
  db.close();
  const store2 = await Store.open({ database: file });
  await rebuildRollups(store2.db);
  await store2.close();
}

async function benchQueries(): Promise<void> {
  const file = join(dir, 'million.db');
  let t0 = performance.now();
  await load(file);
  console.log(`\nset-up: ${ROWS.toLocaleString('en')} rows bulk-inserted and roll-ups rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB, in ${dir})`);
  const store = await Store.open({ database: file });
  const dept = DEPARTMENTS[3]!.name;
  const cases: [string, () => Promise<unknown>][] = [
    ['dashboard stats, no filter (all charts)', () => stats(store.db, {})],
    ['dashboard stats, one quarter', () => stats(store.db, { from: '2025-04-01', to: '2025-06-30' })],
    ['dashboard stats, one department', () => stats(store.db, { department: dept })],
    ['dashboard stats, one rule', () => stats(store.db, { rule: 'seal-physical' })],
    ['record table, first page + total', () => listRecords(store.db, {}, 50)],
    ['record table, one department, first page', () => listRecords(store.db, { department: dept }, 50)],
  ];
  const worst: number[] = [];
  for (const [label, fn] of cases) {
    await fn();
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    worst.push(median(times));
    console.log(`${label}: median ${median(times).toFixed(1)} ms over 5 runs`);
  }
  const total = (await stats(store.db, {})).total;
  if (total !== ROWS) throw new Error(`stats counted ${total}, not ${ROWS}`);
  console.log(`target ≤ 200 ms for the dashboard aggregate: ${worst.slice(0, 4).every((t) => t <= 200) ? 'met' : 'NOT met'}`);
  await store.close();
}

try {
  await benchIngest();
  await benchQueries();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
