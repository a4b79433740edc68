/**
 * Upload to the supervisors' audit service (POST /api/v1/records, docs/audit-records.md): batches
 * of ≤ 500 records, oldest first, retried with the same records until a 200. Nothing is removed
 * locally; only the upload cursor moves. 4xx other than 401/403 stop retries until a person acts.
 */
import { MAX_RECORDS_PER_UPLOAD } from '@yizhao/sdk';
import { getMeta, setMeta } from './db.js';
import { deviceId, listRecords } from './log.js';

export interface UploadState {
  /** Highest seq the server acknowledged. */
  uploadedSeq: number;
  lastAttempt: number | null;
  lastOk: number | null;
  /** HTTP status or 0 for a network error, of the last failure; null after a success. */
  lastError: { status: number; message: string } | null;
  /** Consecutive failures (backoff). */
  failures: number;
  /** A 4xx that retrying will not fix: uploads wait for a person (options page: retry). */
  blocked: boolean;
}

const INITIAL: UploadState = { uploadedSeq: 0, lastAttempt: null, lastOk: null, lastError: null, failures: 0, blocked: false };

export async function uploadState(): Promise<UploadState> {
  return { ...INITIAL, ...((await getMeta<UploadState>('upload')) ?? {}) };
}

/** When the next automatic attempt is due: 30 s doubling per failure, at most 30 minutes. */
export function nextAttemptAt(s: UploadState): number {
  if (!s.lastAttempt || s.failures === 0) return 0;
  return s.lastAttempt + Math.min(30_000 * 2 ** (s.failures - 1), 30 * 60_000);
}

export function endpoint(base: string): string {
  return new URL('api/v1/records', base.endsWith('/') ? base : base + '/').href;
}

export interface UploadConfig {
  url: string | null;
  token: string | null;
}

/** Uploads what the server does not have yet. `force` ignores the backoff and a block. */
export async function uploadPending(config: UploadConfig, force = false, fetchImpl: typeof fetch = fetch): Promise<UploadState> {
  if (!config.url || !config.token) return uploadState();
  const { url, token } = config;
  return navigator.locks.request('yizhao-upload', async () => {
    let state = await uploadState();
    if (!force && (state.blocked || Date.now() < nextAttemptAt(state))) return state;
    const device = await deviceId();
    for (;;) {
      const batch = await listRecords(state.uploadedSeq, MAX_RECORDS_PER_UPLOAD);
      if (batch.length === 0) break;
      state = { ...state, lastAttempt: Date.now() };
      let status = 0;
      let message = '';
      try {
        const res = await fetchImpl(endpoint(url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ device, records: batch }),
        });
        status = res.status;
        if (res.ok) {
          state = { ...state, uploadedSeq: batch.at(-1)!.seq, lastOk: Date.now(), lastError: null, failures: 0, blocked: false };
          await setMeta('upload', state);
          continue;
        }
        message = (await res.text()).slice(0, 300);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      const retryable = status === 0 || status === 401 || status === 403 || status === 408 || status === 429 || status >= 500;
      state = { ...state, lastError: { status, message }, failures: state.failures + 1, blocked: !retryable };
      await setMeta('upload', state);
      break;
    }
    return state;
  });
}
