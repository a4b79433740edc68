/**
 * The append-only, hash-chained refusal log of this browser profile (schema, canonical hash and
 * chain check from @yizhao/sdk's audit module, shared with the audit service). Appends take a Web
 * Lock held across contexts, so the panel, the options page and the service worker never fork the
 * chain; the record and the new head are written in one transaction, so a killed service worker
 * leaves either both or neither.
 */
import { createRecord, parseRecordBody, recordsToCsv, verifyChain, type ChainHead, type ChainIssue, type RecordBody, type RefusalRecord } from '@yizhao/sdk';
import { done, getMeta, openDb, request } from './db.js';

const LOCK = 'yizhao-records';

/** Each profile's random device id, made once. */
export async function deviceId(): Promise<string> {
  const held = await getMeta<string>('device');
  if (held) return held;
  return navigator.locks.request(LOCK + '-device', async () => {
    const again = await getMeta<string>('device');
    if (again) return again;
    const id = crypto.randomUUID();
    const db = await openDb();
    const tx = db.transaction('meta', 'readwrite');
    tx.objectStore('meta').add(id, 'device');
    await done(tx);
    return id;
  });
}

export async function chainHead(): Promise<ChainHead | null> {
  return (await getMeta<ChainHead>('head')) ?? null;
}

export async function appendRecord(body: RecordBody): Promise<RefusalRecord> {
  const parsed = parseRecordBody(body);
  if (!parsed.ok) throw new Error(`invalid record: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const device = await deviceId();
  return navigator.locks.request(LOCK, async () => {
    const head = await chainHead();
    const record = await createRecord(parsed.value, { device, head });
    const db = await openDb();
    const tx = db.transaction(['records', 'meta'], 'readwrite');
    // add(), not put(): an existing seq aborts the transaction instead of overwriting history.
    tx.objectStore('records').add(record);
    tx.objectStore('meta').put({ seq: record.seq, hash: record.hash } satisfies ChainHead, 'head');
    await done(tx);
    return record;
  });
}

/** Records in seq order; `after` = only those with a greater seq; `limit` caps the count. */
export async function listRecords(after = 0, limit = Infinity): Promise<RefusalRecord[]> {
  const db = await openDb();
  const store = db.transaction('records').objectStore('records');
  const range = after > 0 ? IDBKeyRange.lowerBound(after, true) : undefined;
  const all = (await request(Number.isFinite(limit) ? store.getAll(range, limit) : store.getAll(range))) as RefusalRecord[];
  return all;
}

export async function countRecords(): Promise<number> {
  const db = await openDb();
  return request(db.transaction('records').objectStore('records').count());
}

export interface ChainReport {
  records: number;
  issues: ChainIssue[];
  /** The stored head does not match the last record (a record removed from the end). */
  headMismatch: boolean;
}

export async function checkChain(): Promise<ChainReport> {
  const [records, head, device] = await Promise.all([listRecords(), chainHead(), deviceId()]);
  const issues = await verifyChain(records, null, device);
  const last = records.at(-1);
  const headMismatch = (head?.seq ?? 0) !== (last?.seq ?? 0) || (head?.hash ?? null) !== (last?.hash ?? null);
  return { records: records.length, issues, headMismatch };
}

export function toJsonLines(records: readonly RefusalRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}

export { recordsToCsv };
