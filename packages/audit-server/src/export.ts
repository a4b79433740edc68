/**
 * The JSON export: matching records, each with its inclusion proof against one signed tree head,
 * and the log's public key — enough for `yizhao audit verify --export` to check offline that every
 * record is in the log as exported. An unfiltered export also carries every tree head, so the whole
 * log can be recomputed.
 */
import type { RefusalRecord } from '@yizhao/sdk';
import { eachRecord, type Filter } from './queries.js';
import { Store } from './store.js';
import type { TreeHead } from './sth.js';

export const EXPORT_FORMAT = 'yizhao-audit-export';

export interface ExportedRecord {
  readonly leafIndex: number;
  readonly receivedAt: number;
  readonly flags: { kind: string; detail: string }[];
  readonly record: RefusalRecord;
  /** base64url audit path of leafIndex in the tree of `treeHead.treeSize`. */
  readonly inclusion: string[];
}

export interface AuditExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly v: 1;
  readonly exportedAt: number;
  readonly filter: Filter;
  /** True when the export holds every record of the log (no filter). */
  readonly complete: boolean;
  readonly log: { readonly keyId: string; readonly publicKey: string; readonly treeHead: TreeHead | null; readonly treeHeads: TreeHead[] };
  readonly records: ExportedRecord[];
}

export const MAX_EXPORT = 200_000;

export async function buildExport(store: Store, filter: Filter, limit = MAX_EXPORT): Promise<AuditExport> {
  // One head for all proofs: taken first, so records that arrive meanwhile are left out.
  const head = await store.latestHead();
  const complete = Object.keys(filter).length === 0;
  const records: ExportedRecord[] = [];
  if (head) {
    for await (const r of eachRecord(store.db, filter)) {
      if (r.leafIndex >= head.treeSize) break;
      if (records.length >= limit) throw new Error(`export over ${limit} records: narrow the filter`);
      records.push({ leafIndex: r.leafIndex, receivedAt: r.receivedAt, flags: r.flags, record: r.record, inclusion: (await store.inclusion(r.leafIndex, head.treeSize)).path });
    }
  }
  return {
    format: EXPORT_FORMAT,
    v: 1,
    exportedAt: Date.now(),
    filter,
    complete,
    log: { keyId: store.signer.keyId, publicKey: store.signer.publicPem(), treeHead: head, treeHeads: complete ? (await store.treeHeads(1_000_000)).reverse() : [] },
    records,
  };
}
