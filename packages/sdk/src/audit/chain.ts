/**
 * Hash-chained refusal records: each record carries its predecessor's hash, so an edited, removed
 * or reordered record shows. The canonical form is RFC 8785 (JSON Canonicalization Scheme).
 */
import { encodeBase64url } from '../jose/base64url.js';
import { canonicalize } from '../jose/canonical.js';
import { RECORD_VERSION, type RecordBody, type RefusalRecord } from './schema.js';

const utf8 = new TextEncoder();

/** The bytes that are hashed: the record without `hash`, canonical JSON, UTF-8. */
export function canonicalRecordBytes(record: Omit<RefusalRecord, 'hash'> | RefusalRecord): Uint8Array {
  const { hash: _ignored, ...rest } = record as RefusalRecord;
  return utf8.encode(canonicalize(rest));
}

export async function recordHash(record: Omit<RefusalRecord, 'hash'> | RefusalRecord): Promise<string> {
  return encodeBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', canonicalRecordBytes(record) as BufferSource)));
}

/** Where a device's chain stands: the last record's seq and hash. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export interface NewRecordOptions {
  readonly device: string;
  /** The device's current head; null for its first record. */
  readonly head: ChainHead | null;
  /** Unix ms (default Date.now()). */
  readonly at?: number;
  readonly id?: string;
}

/** Seals a record body into the device's chain. */
export async function createRecord(body: RecordBody, o: NewRecordOptions): Promise<RefusalRecord> {
  const unsigned = {
    v: RECORD_VERSION,
    id: o.id ?? crypto.randomUUID(),
    device: o.device,
    seq: (o.head?.seq ?? 0) + 1,
    prev: o.head?.hash ?? null,
    at: o.at ?? Date.now(),
    ...body,
  } as const;
  return { ...unsigned, hash: await recordHash(unsigned) };
}

export type ChainIssueKind = 'edited' | 'gap' | 'fork' | 'device';

export interface ChainIssue {
  readonly kind: ChainIssueKind;
  readonly id: string;
  readonly seq: number;
  readonly detail: string;
}

/**
 * Checks a device's records (sorted by seq) against each other and, when given, the head that came
 * before them: each hash recomputes (else `edited`), seq runs on without holes (`gap`), and prev is
 * the previous hash (`fork`: a different history for the same place).
 */
export async function verifyChain(records: readonly RefusalRecord[], before: ChainHead | null = null, device?: string): Promise<ChainIssue[]> {
  const found: ChainIssue[] = [];
  let head = before;
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (device !== undefined && r.device !== device) found.push({ kind: 'device', id: r.id, seq: r.seq, detail: `record of device ${r.device}` });
    if ((await recordHash(r)) !== r.hash) found.push({ kind: 'edited', id: r.id, seq: r.seq, detail: 'hash does not match the content' });
    const expectedSeq = (head?.seq ?? 0) + 1;
    if (r.seq > expectedSeq) found.push({ kind: 'gap', id: r.id, seq: r.seq, detail: `records ${expectedSeq}–${r.seq - 1} missing` });
    else if (r.seq < expectedSeq) found.push({ kind: 'fork', id: r.id, seq: r.seq, detail: `seq ${r.seq} already taken` });
    else if (r.prev !== (head?.hash ?? null)) found.push({ kind: 'fork', id: r.id, seq: r.seq, detail: 'prev is not the previous record’s hash' });
    head = { seq: r.seq, hash: r.hash };
  }
  return found;
}

/**
 * Privacy mode: the applicant's USCC as HMAC-SHA256 under the administrator's key, so supervisors
 * can count repeat refusals of one applicant without the store holding who it was.
 */
export async function usccKeyedHash(uscc: string, key: Uint8Array): Promise<string> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return encodeBase64url(new Uint8Array(await crypto.subtle.sign('HMAC', k, utf8.encode(uscc))));
}

/** CSV of records for supervisors and spreadsheets (one row per record, fixed columns). */
export const CSV_COLUMNS = ['id', 'device', 'seq', 'at', 'type', 'matter_id', 'matter_name', 'department', 'page_url', 'page_title', 'rules', 'reason', 'applicant', 'prev', 'hash'] as const;

export function recordsToCsv(records: readonly RefusalRecord[]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    // Quote always; neutralise spreadsheet formulas (CSV injection).
    return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  };
  const rows = records.map((r) =>
    [r.id, r.device, r.seq, new Date(r.at).toISOString(), r.type, r.matter?.id ?? null, r.matter?.name ?? null, r.department, r.page?.url ?? null, r.page?.title ?? null, r.findings.map((f) => f.rule).join(' '), r.reason, r.applicant ? ('uscc' in r.applicant ? r.applicant.uscc : `hash:${r.applicant.usccHash}`) : null, r.prev, r.hash]
      .map(cell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
