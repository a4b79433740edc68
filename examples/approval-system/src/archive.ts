/**
 * 存档: the page keeps each verification's evidence (presentation, time, trust list and its seq,
 * expectations, result) in localStorage, so a reviewer can re-verify it later exactly as it was
 * verified. A real system stores the same JSON in its case file or database.
 */
import type { VerificationEvidence } from '@yizhao/sdk';

export interface SealRecord {
  fileName: string;
  sealText: string;
  ok: boolean;
  code: string | null;
  signer: string | null;
}

export interface ArchiveEntry {
  id: string;
  evidence: VerificationEvidence;
  seal?: SealRecord;
}

const KEY = 'yizhao-approval-archive';
const LIMIT = 50; // a demo: keep the newest entries, the browser's storage is small

export function loadArchive(storage: Storage = localStorage): ArchiveEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as ArchiveEntry[]).filter((e) => typeof e?.id === 'string' && e.evidence?.v === 1) : [];
  } catch {
    return []; // unreadable archive: start a new one rather than break the page
  }
}

function save(entries: ArchiveEntry[], storage: Storage): void {
  storage.setItem(KEY, JSON.stringify(entries.slice(0, LIMIT)));
}

export function archive(evidence: VerificationEvidence, storage: Storage = localStorage): ArchiveEntry {
  const entry: ArchiveEntry = { id: `${evidence.verifiedAt}-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`, evidence };
  save([entry, ...loadArchive(storage)], storage);
  return entry;
}

export function attachSeal(id: string, seal: SealRecord, storage: Storage = localStorage): void {
  save(loadArchive(storage).map((e) => (e.id === id ? { ...e, seal } : e)), storage);
}

export function clearArchive(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
