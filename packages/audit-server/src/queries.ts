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
  if (f.device) add('device = ?', f.device);
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

export async function stats(db: Db, f: Filter): Promise<Stats> {
  // With a rule filter every other count is over the records having that rule.
  const table = f.rule !== undefined ? 'daily_rule_counts' : 'daily_counts';
  const w = where(f, { matter: 'matter_id', rule: f.rule !== undefined ? 'rule' : null });
  const group = async (col: string, tbl = table, ww = w) =>
    (await db.all<{ k: string; n: number }>(`SELECT ${col} AS k, SUM(n) AS n FROM ${tbl} ${ww.sql} GROUP BY ${col} ORDER BY n DESC, k`, ww.params)).map((r) => ({ key: r.k, n: Number(r.n) }));
  const byDay = (await group('day')).sort((a, b) => a.key.localeCompare(b.key));
  const rw = where(f, { matter: 'matter_id', rule: 'rule' });
  return {
    total: byDay.reduce((s, c) => s + c.n, 0),
    byDepartment: await group('department'),
    byMatter: await group('matter_id'),
    byRule: await group('rule', 'daily_rule_counts', rw),
    byType: await group('type'),
    byDevice: await group('device'),
    byDay,
    byWeek: weeks(byDay),
  };
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

function recordWhere(f: Filter): { sql: string; params: SqlValue[] } {
  const w = where({ ...f, rule: undefined }, { matter: "COALESCE(matter_id, '')", rule: null });
  const parts = w.sql ? [w.sql.slice(6)] : [];
  const params = [...w.params];
  // records hold NULL where the roll-ups hold '' (no department / matter).
  const fixed = parts.map((p) => p.replace('department = ?', "COALESCE(department, '') = ?"));
  if (f.rule !== undefined) (fixed.push('idx IN (SELECT idx FROM record_rules WHERE rule = ?)'), params.push(f.rule));
  if (f.flagged) fixed.push('flagged > 0');
  return { sql: fixed.length ? `WHERE ${fixed.join(' AND ')}` : '', params };
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
