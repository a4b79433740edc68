/**
 * Privacy mode: the applicant's USCC is kept only as HMAC-SHA256 under a key. The administrator's
 * key (managed `privacyKey`) makes hashes comparable across counters; without one, this profile
 * makes its own (comparable only within this browser).
 */
import { usccKeyedHash } from '@yizhao/sdk';
import { ext } from '../shared/browser.js';
import type { Settings } from '../shared/settings.js';

function fromBase64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]{22,}$/.test(s)) return null;
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function localKey(): Promise<Uint8Array> {
  const { privacyKeyLocal } = await ext.storage.local.get('privacyKeyLocal');
  const held = typeof privacyKeyLocal === 'string' ? fromBase64url(privacyKeyLocal) : null;
  if (held) return held;
  const key = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  await ext.storage.local.set({ privacyKeyLocal: b64 });
  return key;
}

export async function applicantFor(uscc: string | null, settings: Settings): Promise<{ uscc: string } | { usccHash: string } | null> {
  if (!uscc) return null;
  if (!settings.privacyMode) return { uscc };
  const key = (settings.privacyKey && fromBase64url(settings.privacyKey)) || (await localKey());
  return { usccHash: await usccKeyedHash(uscc, key) };
}
