/**
 * The refusal record: what a counter clerk records when a page or a person still demands the paper
 * licence, refuses the e-licence or refuses the e-seal (task 8 of 大足府办发〔2022〕164号).
 * One schema for the extension that writes records and the audit service that receives them.
 * See docs/audit-records.md.
 */
import * as z from 'zod';

export const RECORD_VERSION = 1;

export const RECORD_TYPES = ['paper-licence-demanded', 'e-licence-refused', 'e-seal-refused', 'finding-ignored'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const sha256 = b64url.length(43);
const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case UUID');
const text = (max: number) => z.string().max(max);

export const findingRefSchema = z.strictObject({
  rule: text(64),
  severity: z.enum(['error', 'warning', 'review']),
  match: text(200),
  selector: text(1000),
});

/** Everything but the chain fields: what the clerk's action supplies. */
export const recordBodySchema = z.strictObject({
  type: z.enum(RECORD_TYPES),
  /** Catalogue matter, when known. */
  matter: z.strictObject({ id: z.string().regex(/^DZ164-\d{3}$/), name: text(200) }).nullable(),
  /** Exact department name of the catalogue, when known. */
  department: text(100).nullable(),
  page: z.strictObject({ url: text(2048), title: text(300) }).nullable(),
  findings: z.array(findingRefSchema).max(50),
  /** The clerk's own words; plain text. */
  reason: text(500).nullable(),
  /** As given, or only as a keyed hash (privacy mode); null when not asked. */
  applicant: z.union([z.strictObject({ uscc: z.string().length(18) }), z.strictObject({ usccHash: sha256 }), z.null()]),
  /** For `finding-ignored`: the rule set aside and why. */
  ignored: z.strictObject({ rule: text(64), site: text(253) }).nullable(),
});
export type RecordBody = z.infer<typeof recordBodySchema>;

export const recordSchema = recordBodySchema.extend({
  v: z.literal(RECORD_VERSION),
  id,
  /** The recording device (a random UUID made at install), i.e. one clerk's browser profile. */
  device: id,
  /** 1, 2, 3 … per device: a gap shows a lost or withheld record. */
  seq: z.number().int().min(1),
  /** `hash` of this device's previous record; null for seq 1. */
  prev: sha256.nullable(),
  /** Recording time, unix milliseconds. */
  at: z.number().int().min(0),
  /** base64url SHA-256 of the canonical form (RFC 8785) of the record without `hash`. */
  hash: sha256,
});
export type RefusalRecord = z.infer<typeof recordSchema>;

/** POST /api/v1/records body: one device's records, oldest first. */
export const MAX_RECORDS_PER_UPLOAD = 500;
export const uploadSchema = z.strictObject({
  device: id,
  records: z.array(z.unknown()).min(1).max(MAX_RECORDS_PER_UPLOAD),
});
export type Upload = { device: string; records: RefusalRecord[] };

export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

function issues(error: z.ZodError): SchemaIssue[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export function parseRecord(value: unknown): Parsed<RefusalRecord> {
  const r = recordSchema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issues(r.error) };
}

export function parseRecordBody(value: unknown): Parsed<RecordBody> {
  const r = recordBodySchema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issues(r.error) };
}
