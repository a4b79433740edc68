/**
 * What supervisors ask of the store: counts by department, matter, rule, type, device, day and week
 * (from the per-day roll-ups kept at ingest, so a dashboard over a million records stays fast), and
 * filtered record lists for the table and exports.
 */
import { RECORD_TYPES, type RefusalRecord } from '@yizhao/sdk';
import type { Db, SqlValue } from './db/types.js';

export interface Filter {
  /** First and last day (YYYY-MM-DD, China Standard Time), inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly department?: string;
  readonly matter?: string;
  readonly rule?: string;
  readonly type?: string;
  readonly device?: string;
  /** Only records with chain flags (lists only). */
  readonly flagged?: boolean;
}

export const FILTER_KEYS = ['from', 'to', 'department', 'matter', 'rule', 'type', 'device', 'flagged'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a filter from query parameters; returns the problems instead when there are any. */
export function parseFilter(q: Record<string, string | undefined>): { ok: true; filter: Filter } | { ok: false; issues: { path: string; message: string }[] } {
  const issues: { path: string; message: string }[] = [];
  const f: Record<string, string | boolean> = {};
  for (const key of FILTER_KEYS) {
    const v = q[key];
    if (v === undefined || v === '') continue;
    if (v.length > 200) issues.push({ path: key, message: 'too long' });
    else if ((key === 'from' || key === 'to') && !DAY.test(v)) issues.push({ path: key, message: 'expected YYYY-MM-DD' });
    else if (key === 'type' && !(RECORD_TYPES as readonly string[]).includes(v)) issues.push({ path: key, message: `one of ${RECORD_TYPES.join(', ')}` });
    else if (key === 'flagged') f.flagged = v === '1' || v === 'true';
    else f[key] = v;
  }
  return issues.length ? { ok: false, issues } : { ok: true, filter: f as Filter };
}

function where(f: Filter, cols: { matter: string; rule: string | null }): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, v: SqlValue) => (parts.push(sql), params.push(v));
  if (f.from) add('day >= ?', f.from);
  if (f.to) add('day <= ?', f.to);
  if (f.department !== undefined) add('department = ?', f.department === '(none)' ? '' : f.department);
  if (f.matter !== undefined) add(`${cols.matter} = ?`, f.matter === '(none)' ? '' : f.matter);
  if (f.type) add('type = ?', f.type);
  if (f.device !== undefined) add('device = ?', f.device);
  if (f.rule !== undefined && cols.rule) add(`${cols.rule} = ?`, f.rule);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export interface Count {
  readonly key: string;
  readonly n: number;
}

export interface Stats {
  readonly total: number;
  readonly byDepartment: Count[];
  readonly byMatter: Count[];
  readonly byRule: Count[];
  readonly byType: Count[];
  readonly byDevice: Count[];
  readonly byDay: Count[];
  /** Keyed by the Monday (YYYY-MM-DD) of each ISO week. */
  readonly byWeek: Count[];
}

type Group = (col: string) => Promise<Count[]>;

const counts = (rows: { k: string; n: number }[]): Count[] => rows.map((r) => ({ key: r.k, n: Number(r.n) }));
const ORDER = 'ORDER BY n DESC, k';

const nextDay = (d: string, by: number) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + by);
  return t.toISOString().slice(0, 10);
};

/**
 * The roll-up rows covering [from, to]: whole months from the month grain, the days at either end
 * from the day grain, so a year's dashboard reads a few thousand rows, not a million.
 */
export function periodWhere(from = '0000-01-01', to = '9999-12-31'): { sql: string; params: SqlValue[] } {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : nextDay(`${from.slice(0, 7)}-28`, 4).slice(0, 7);
  const lastMonth = nextDay(to, 1).endsWith('-01') ? to.slice(0, 7) : nextDay(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (firstMonth > lastMonth) return { sql: "(grain = 'd' AND period >= ? AND period <= ?)", params: [from, to] };
  return {
    sql: "((grain = 'm' AND period >= ? AND period <= ?) OR (grain = 'd' AND period >= ? AND period < ?) OR (grain = 'd' AND period > ? AND period <= ?))",
    params: [firstMonth, lastMonth, from, `${firstMonth}-01`, `${lastMonth}-31`, to],
  };
}

function rollupWhere(f: Filter, dims: { rule?: boolean; grain?: 'd' }): { sql: string; params: SqlValue[] } {
  const p = dims.grain ? { sql: "grain = 'd' AND period >= ? AND period <= ?", params: [f.from ?? '0000-01-01', f.to ?? '9999-12-31'] } : periodWhere(f.from, f.to);
  const w = where({ ...f, from: undefined, to: undefined, rule: dims.rule ? f.rule : undefined }, { matter: 'matter_id', rule: 'rule' });
  return { sql: `WHERE ${p.sql}${w.sql ? ` AND ${w.sql.slice(6)}` : ''}`, params: [...p.params, ...w.params] };
}

/**
 * Counts for the dashboard. Without a device filter they come from the roll-ups kept at ingest; a
 * device's own records are few, so a device filter (and counts by device under department, matter or
 * rule filters) read the records themselves.
 */
export async function stats(db: Db, f: Filter): Promise<Stats> {
  const raw = recordWhere({ ...f, flagged: false });
  const rawGroup: Group = async (col) => counts(await db.all(`SELECT COALESCE(${col}, '') AS k, COUNT(*) AS n FROM records ${raw.sql} GROUP BY COALESCE(${col}, '') ${ORDER}`, raw.params));
  if (f.device !== undefined) {
    const byDay = (await rawGroup('day')).sort((a, b) => a.key.localeCompare(b.key));
    return {
      total: byDay.reduce((s, c) => s + c.n, 0),
      byDepartment: await rawGroup('department'),
      byMatter: await rawGroup('matter_id'),
      byRule: counts(await db.all(`SELECT rule AS k, COUNT(*) AS n FROM record_rules ${where(f, { matter: 'matter_id', rule: 'rule' }).sql} GROUP BY rule ${ORDER}`, where(f, { matter: 'matter_id', rule: 'rule' }).params)),
      byType: await rawGroup('type'),
      byDevice: await rawGroup('device'),
      byDay,
      byWeek: weeks(byDay),
    };
  }
  const rule = f.rule !== undefined;
  const table = rule ? 'rule_counts' : 'counts';
  const w = rollupWhere(f, { rule });
  const group: Group = async (col) => counts(await db.all(`SELECT ${col} AS k, SUM(n) AS n FROM ${table} ${w.sql} GROUP BY ${col} ${ORDER}`, w.params));
  const dw = rollupWhere(f, { rule, grain: 'd' });
  const byDay = counts(await db.all(`SELECT period AS k, SUM(n) AS n FROM ${table} ${dw.sql} GROUP BY period ORDER BY period`, dw.params));
  const rw = rollupWhere(f, { rule: true });
  const devw = rollupWhere({ from: f.from, to: f.to, type: f.type }, {});
  return {
    total: byDay.reduce((s, c) => s + c.n, 0),
    byDepartment: await group('department'),
    byMatter: await group('matter_id'),
    byRule: counts(await db.all(`SELECT rule AS k, SUM(n) AS n FROM rule_counts ${rw.sql} GROUP BY rule ${ORDER}`, rw.params)),
    byType: await group('type'),
    byDevice: rule
      ? counts(await db.all(`SELECT device AS k, COUNT(*) AS n FROM record_rules ${where(f, { matter: 'matter_id', rule: 'rule' }).sql} GROUP BY device ${ORDER}`, where(f, { matter: 'matter_id', rule: 'rule' }).params))
      : f.department !== undefined || f.matter !== undefined
        ? await rawGroup('device')
        : counts(await db.all(`SELECT device AS k, SUM(n) AS n FROM device_counts ${devw.sql} GROUP BY device ${ORDER}`, devw.params)),
    byDay,
    byWeek: weeks(byDay),
  };
}

/** Rebuilds the roll-ups from the records (after a bulk load or a repair). */
export async function rebuildRollups(db: Db): Promise<void> {
  await db.tx(async (t) => {
    for (const table of ['counts', 'rule_counts', 'device_counts']) await t.run(`DELETE FROM ${table}`);
    for (const [grain, period] of [['d', 'r.day'], ['m', 'SUBSTR(r.day, 1, 7)']] as const) {
      const keys = `${period}, COALESCE(r.department, ''), COALESCE(r.matter_id, ''), r.type`;
      await t.run(`INSERT INTO counts (grain, period, department, matter_id, type, n) SELECT '${grain}', ${keys}, COUNT(*) FROM records r GROUP BY ${keys}`);
      const rkeys = `${period}, r.rule, r.department, r.matter_id, r.type`;
      await t.run(`INSERT INTO rule_counts (grain, period, rule, department, matter_id, type, n) SELECT '${grain}', ${rkeys}, COUNT(*) FROM record_rules r GROUP BY ${rkeys}`);
      await t.run(`INSERT INTO device_counts (grain, period, device, type, n) SELECT '${grain}', ${period}, r.device, r.type, COUNT(*) FROM records r GROUP BY ${period}, r.device, r.type`);
    }
  });
}

export function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function weeks(byDay: readonly Count[]): Count[] {
  const m = new Map<string, number>();
  for (const c of byDay) m.set(mondayOf(c.key), (m.get(mondayOf(c.key)) ?? 0) + c.n);
  return [...m].map(([key, n]) => ({ key, n })).sort((a, b) => a.key.localeCompare(b.key));
}

export interface StoredRecord {
  readonly leafIndex: number;
  readonly receivedAt: number;
  readonly record: RefusalRecord;
  readonly flags: { kind: string; detail: string }[];
}

/** Conditions on the records table (NULL there where the roll-ups hold ''), index-friendly. */
function recordWhere(f: Filter): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, ...v: SqlValue[]) => (parts.push(sql), params.push(...v));
  if (f.department !== undefined) (f.department === '(none)' || f.department === '' ? add('department IS NULL') : add('department = ?', f.department));
  if (f.matter !== undefined) (f.matter === '(none)' || f.matter === '' ? add('matter_id IS NULL') : add('matter_id = ?', f.matter));
  if (f.from) add('day >= ?', f.from);
  if (f.to) add('day <= ?', f.to);
  if (f.type) add('type = ?', f.type);
  if (f.device !== undefined) add('device = ?', f.device);
  if (f.rule !== undefined) add('idx IN (SELECT idx FROM record_rules WHERE rule = ?)', f.rule);
  if (f.flagged) add('flagged > 0');
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export async function listRecords(db: Db, f: Filter, limit: number, offset = 0): Promise<{ total: number; records: StoredRecord[] }> {
  const w = recordWhere(f);
  const total = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM records ${w.sql}`, w.params))?.n ?? 0);
  const rows = await db.all<RecordRow>(`SELECT idx, body, received_at, flagged FROM records ${w.sql} ORDER BY at DESC, idx DESC LIMIT ? OFFSET ?`, [...w.params, limit, offset]);
  return { total, records: await withFlags(db, rows) };
}

/** Every matching record, oldest first, in pages (exports). */
export async function* eachRecord(db: Db, f: Filter, page = 1000): AsyncGenerator<StoredRecord> {
  const w = recordWhere(f);
  let after = -1;
  for (;;) {
    const cond = w.sql ? `${w.sql} AND idx > ?` : 'WHERE idx > ?';
    const rows = await db.all<RecordRow>(`SELECT idx, body, received_at, flagged FROM records ${cond} ORDER BY idx LIMIT ?`, [...w.params, after, page]);
    if (rows.length === 0) return;
    yield* await withFlags(db, rows);
    after = Number(rows[rows.length - 1]!.idx);
  }
}

export async function getRecord(db: Db, id: string): Promise<StoredRecord[]> {
  return withFlags(db, await db.all<RecordRow>('SELECT idx, body, received_at, flagged FROM records WHERE id = ? ORDER BY idx', [id]));
}

interface RecordRow {
  idx: number;
  body: string;
  received_at: number;
  flagged: number;
}

async function withFlags(db: Db, rows: readonly RecordRow[]): Promise<StoredRecord[]> {
  const flagged = rows.filter((r) => Number(r.flagged) > 0).map((r) => Number(r.idx));
  const flags = new Map<number, { kind: string; detail: string }[]>();
  if (flagged.length) {
    for (const f of await db.all<{ idx: number; kind: string; detail: string }>(`SELECT idx, kind, detail FROM flags WHERE idx IN (${flagged.map(() => '?').join(',')})`, flagged)) {
      const list = flags.get(Number(f.idx)) ?? [];
      list.push({ kind: f.kind, detail: f.detail });
      flags.set(Number(f.idx), list);
    }
  }
  return rows.map((r) => ({ leafIndex: Number(r.idx), receivedAt: Number(r.received_at), record: JSON.parse(r.body) as RefusalRecord, flags: flags.get(Number(r.idx)) ?? [] }));
}

export interface DeviceStatus {
  readonly device: string;
  readonly names: string[];
  readonly headSeq: number;
  readonly headHash: string;
  readonly records: number;
  readonly flagged: number;
  readonly flagKinds: Record<string, number>;
  readonly lastAt: number;
  readonly lastUpload: number;
}

export async function deviceStatus(db: Db): Promise<DeviceStatus[]> {
  const devices = await db.all<{ device: string; head_seq: number; head_hash: string; records: number; flagged: number; last_at: number; last_upload: number }>('SELECT * FROM devices ORDER BY last_upload DESC');
  const names = await db.all<{ device: string; name: string }>('SELECT device, name FROM tokens WHERE device IS NOT NULL');
  const kinds = await db.all<{ device: string; kind: string; n: number }>('SELECT r.device AS device, f.kind AS kind, COUNT(*) AS n FROM flags f JOIN records r ON r.idx = f.idx GROUP BY r.device, f.kind');
  return devices.map((d) => ({
    device: d.device,
    names: names.filter((n) => n.device === d.device).map((n) => n.name),
    headSeq: Number(d.head_seq),
    headHash: d.head_hash,
    records: Number(d.records),
    flagged: Number(d.flagged),
    flagKinds: Object.fromEntries(kinds.filter((k) => k.device === d.device).map((k) => [k.kind, Number(k.n)])),
    lastAt: Number(d.last_at),
    lastUpload: Number(d.last_upload),
  }));
}
