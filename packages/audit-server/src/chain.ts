/**
 * Chain check of one arriving record against everything its device has stored before (not only the
 * last head, so a record that fills an earlier gap links cleanly instead of looking like a fork).
 * Ingest flags with it; `yizhao audit verify` recomputes it over the whole log and compares.
 */
import { createHash } from 'node:crypto';
import { canonicalRecordBytes, type RefusalRecord } from '@yizhao/sdk';

export interface ChainProblem {
  readonly kind: 'edited' | 'gap' | 'fork';
  readonly detail: string;
}

/** What the store held (plus earlier records of the same batch) when a record arrived. */
export interface ChainView {
  /** Hashes of the device's records with this seq. */
  hashesAt(device: string, seq: number): ReadonlySet<string> | undefined;
  /** Hashes held under this record id (any device). */
  hashesOfId(id: string): ReadonlySet<string> | undefined;
  /** The device's highest seq so far, or 0. */
  headSeq(device: string): number;
}

/** The SDK's recordHash (base64url SHA-256 of the RFC 8785 form), without a WebCrypto round trip. */
export function recordHashSync(r: RefusalRecord): string {
  return createHash('sha256').update(canonicalRecordBytes(r)).digest('base64url');
}

export async function chainProblems(r: RefusalRecord, view: ChainView): Promise<ChainProblem[]> {
  const out: ChainProblem[] = [];
  if (recordHashSync(r) !== r.hash) out.push({ kind: 'edited', detail: 'hash does not match the content' });
  const sameId = view.hashesOfId(r.id);
  if (sameId && !sameId.has(r.hash)) out.push({ kind: 'edited', detail: 'record id already held with different content' });
  const taken = view.hashesAt(r.device, r.seq);
  if (taken && taken.size > 0) out.push({ kind: 'fork', detail: `seq ${r.seq} already taken` });
  if (r.seq === 1) {
    if (r.prev !== null) out.push({ kind: 'fork', detail: 'seq 1 must have no prev' });
  } else {
    const before = view.hashesAt(r.device, r.seq - 1);
    if (!before || before.size === 0) {
      const head = view.headSeq(r.device);
      out.push({ kind: 'gap', detail: head < r.seq - 1 ? `records ${head + 1}–${r.seq - 1} missing` : `record ${r.seq - 1} missing` });
    } else if (r.prev === null || !before.has(r.prev)) out.push({ kind: 'fork', detail: 'prev is not the previous record’s hash' });
  }
  return out;
}

/** A ChainView kept in memory and updated as records are accepted. */
export class MemoryChainView implements ChainView {
  private readonly bySeq = new Map<string, Map<number, Set<string>>>();
  private readonly byId = new Map<string, Set<string>>();
  private readonly heads = new Map<string, number>();

  hashesAt(device: string, seq: number) {
    return this.bySeq.get(device)?.get(seq);
  }

  hashesOfId(id: string) {
    return this.byId.get(id);
  }

  headSeq(device: string): number {
    return this.heads.get(device) ?? 0;
  }

  add(r: Pick<RefusalRecord, 'id' | 'device' | 'seq' | 'hash'>): void {
    const seqs = this.bySeq.get(r.device) ?? this.bySeq.set(r.device, new Map()).get(r.device)!;
    (seqs.get(r.seq) ?? seqs.set(r.seq, new Set()).get(r.seq)!).add(r.hash);
    (this.byId.get(r.id) ?? this.byId.set(r.id, new Set()).get(r.id)!).add(r.hash);
    this.heads.set(r.device, Math.max(this.headSeq(r.device), r.seq));
  }

  setHead(device: string, seq: number): void {
    this.heads.set(device, Math.max(this.headSeq(device), seq));
  }
}
