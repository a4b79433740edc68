/**
 * The trust list the extension verifies against. Production: fetched from the administrator's URL
 * (or imported from a file) and accepted only under the pinned signer key, with the highest
 * accepted `seq` kept in storage (rollback refused across restarts). Demo build: the bundled demo
 * list (TEST keys) when nothing is configured.
 */
import { createVerifier, loadTrustList, type TrustListLoad, type TrustListState, type TrustListStateStore, type Verifier } from '@yizhao/sdk';
import * as z from 'zod';
import { ext } from '../shared/browser.js';
import type { Settings } from '../shared/settings.js';

export type TrustSource = 'demo' | 'url' | 'file';

const storedSchema = z.object({ jws: z.string().max(1_000_000), source: z.enum(['url', 'file']), fetchedAt: z.number(), pin: z.string() });
type StoredTrust = z.infer<typeof storedSchema>;

/** Rollback protection: the highest accepted seq per signer, in storage.local. */
export const storageStateStore: TrustListStateStore = {
  async get(signer) {
    const { trustState } = await ext.storage.local.get('trustState');
    const all = (trustState ?? {}) as Record<string, TrustListState>;
    return all[signer];
  },
  async set(signer, state) {
    const { trustState } = await ext.storage.local.get('trustState');
    await ext.storage.local.set({ trustState: { ...((trustState ?? {}) as object), [signer]: state } });
  },
};

async function stored(): Promise<StoredTrust | null> {
  const { trust } = await ext.storage.local.get('trust');
  const parsed = storedSchema.safeParse(trust);
  return parsed.success ? parsed.data : null;
}

async function bundledDemo(): Promise<{ jws: string; pin: string } | null> {
  try {
    const [jws, pin] = await Promise.all(['demo/trust.jws', 'demo/pin.jwk.json'].map(async (p) => {
      const res = await fetch(ext.runtime.getURL(p));
      if (!res.ok) throw new Error(p);
      return (await res.text()).trim();
    }));
    return { jws: jws!, pin: pin! };
  } catch {
    return null; // a production build ships no demo list
  }
}

export interface TrustInfo {
  source: TrustSource | null;
  fetchedAt: number | null;
  /** The accepted list, or why it was refused (null: nothing configured). */
  load: TrustListLoad | null;
}

export interface VerifierBundle {
  verifier: Verifier | null;
  info: TrustInfo;
}

function parsePin(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function buildVerifier(settings: Settings): Promise<VerifierBundle> {
  let chosen: { jws: string; pin: string; source: TrustSource; fetchedAt: number | null } | null = null;
  if (settings.trustListPin) {
    const s = await stored();
    // A list accepted under another pin does not count once the administrator changed the pin.
    if (s && s.pin === settings.trustListPin) chosen = { jws: s.jws, pin: s.pin, source: s.source, fetchedAt: s.fetchedAt };
  } else {
    const demo = await bundledDemo();
    if (demo) chosen = { ...demo, source: 'demo', fetchedAt: null };
  }
  if (!chosen) return { verifier: null, info: { source: null, fetchedAt: null, load: null } };
  const pin = parsePin(chosen.pin);
  if (!pin) return { verifier: null, info: { source: chosen.source, fetchedAt: chosen.fetchedAt, load: null } };
  const verifier = await createVerifier({ trustList: chosen.jws, pin, trustListStateStore: storageStateStore });
  return { verifier, info: { source: chosen.source, fetchedAt: chosen.fetchedAt, load: verifier.trustList } };
}

export interface AcceptResult {
  ok: boolean;
  load: TrustListLoad | null;
  error?: string;
}

/** Verifies a trust list under the configured pin and, when accepted, keeps it. */
export async function acceptTrustList(jws: string, source: 'url' | 'file', settings: Settings): Promise<AcceptResult> {
  const pin = settings.trustListPin ? parsePin(settings.trustListPin) : null;
  if (!pin || !settings.trustListPin) return { ok: false, load: null, error: 'no pinned signer key configured' };
  const load = await loadTrustList(jws.trim(), { pin, stateStore: storageStateStore });
  if (load.ok) await ext.storage.local.set({ trust: { jws: jws.trim(), source, fetchedAt: Date.now(), pin: settings.trustListPin } satisfies StoredTrust });
  await ext.storage.local.set({ trustStatus: { at: Date.now(), ok: load.ok, code: load.ok ? null : load.code } });
  return { ok: load.ok, load };
}

/** Scheduled refresh (background alarm). A refused or unreachable list leaves the current one. */
export async function refreshTrustList(settings: Settings, fetchImpl: typeof fetch = fetch): Promise<AcceptResult> {
  if (!settings.trustListUrl) return { ok: false, load: null, error: 'no trust-list URL configured' };
  try {
    const res = await fetchImpl(settings.trustListUrl, { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await acceptTrustList(await res.text(), 'url', settings);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await ext.storage.local.set({ trustStatus: { at: Date.now(), ok: false, code: null, error } });
    return { ok: false, load: null, error };
  }
}
