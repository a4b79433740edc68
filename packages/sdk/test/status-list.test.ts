import { describe, expect, it } from 'vitest';
import { loadStatusList, statusAt } from '../src/index.js';
import { signStatusList } from '../src/dev/index.js';
import { ISS, OTHER_ISS, STATUS_ID, T0, world } from './world.js';

async function trustList() {
  const { loadTrustList } = await import('../src/index.js');
  const w = await world();
  const loaded = await loadTrustList(w.trust, { pin: w.pin, now: T0 });
  if (!loaded.ok) throw new Error(loaded.detail);
  return loaded.trustList;
}

describe('status list (spec §4)', () => {
  it('reads bits most-significant first', async () => {
    const w = await world();
    const revoked = [0, 7, 8, 15, 63];
    const loaded = await loadStatusList(await signStatusList({ iss: ISS, id: STATUS_ID, size: 64, revoked, iat: T0, exp: T0 + 100 }, w.es), await trustList());
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.list.bits[0]).toBe(0b1000_0001);
    const set = Array.from({ length: 64 }, (_, i) => i).filter((i) => statusAt(loaded.list, i, T0));
    expect(set).toEqual(revoked);
    expect(statusAt(loaded.list, 64, T0)).toBeUndefined();
    expect(statusAt(loaded.list, 1, T0 + 160)).toBeUndefined();
  });

  it('refuses lists that are not on the trust list, signed by another issuer or key, or tampered', async () => {
    const w = await world();
    const tl = await trustList();
    const opts = { iss: ISS, id: STATUS_ID, size: 16, revoked: [1], iat: T0, exp: T0 + 100 };
    expect((await loadStatusList(await signStatusList({ ...opts, id: 'unlisted' }, w.es), tl)).ok).toBe(false);
    expect((await loadStatusList(await signStatusList({ ...opts, iss: OTHER_ISS }, w.otherIssuerKey), tl)).ok).toBe(false);
    expect((await loadStatusList(await signStatusList(opts, w.strangerKey), tl)).ok).toBe(false);
    expect((await loadStatusList(await signStatusList(opts, w.revokedKey), tl)).ok).toBe(false);
    const good = await signStatusList(opts, w.es);
    const [h, p, s] = good.split('.');
    const other = (await signStatusList({ ...opts, revoked: [] }, w.es)).split('.')[1];
    expect((await loadStatusList(`${h}.${other}.${s}`, tl)).ok).toBe(false);
    expect((await loadStatusList(`${h}.${p}.${s}`, tl)).ok).toBe(true);
  });

  it('reads a bitstring longer than size (extra bits ignored) and bounds inflation', async () => {
    const w = await world();
    const tl = await trustList();
    const { deflateSync } = await import('fflate');
    const { signJson } = await import('../src/dev/index.js');
    const { encodeBase64url } = await import('../src/jose/base64url.js');
    const longer = new Uint8Array(16);
    longer[0] = 0b0001_0000; // index 3
    const padded = await signJson('yzs+jwt', { iss: ISS, sub: STATUS_ID, iat: T0, exp: T0 + 100, size: 100, bits: encodeBase64url(deflateSync(longer)) }, w.es);
    const held = await loadStatusList(padded, tl);
    expect(held.ok).toBe(true);
    expect(held.ok && [statusAt(held.list, 3, T0), statusAt(held.list, 4, T0), statusAt(held.list, 120, T0)]).toEqual([true, false, undefined]);
    // A bomb: 8 MiB of zeros compresses to a few KB; inflation stops at the largest list accepted (2 MiB).
    const bomb = encodeBase64url(deflateSync(new Uint8Array(8 * 1024 * 1024), { level: 9 }));
    const liar = await signJson('yzs+jwt', { iss: ISS, sub: STATUS_ID, iat: T0, exp: T0 + 100, size: 8, bits: bomb }, w.es);
    expect(await loadStatusList(liar, tl)).toMatchObject({ ok: false, detail: 'bits too-large' });
    const huge = await signJson('yzs+jwt', { iss: ISS, sub: STATUS_ID, iat: T0, exp: T0 + 100, size: 2 ** 40, bits: bomb }, w.es);
    expect(await loadStatusList(huge, tl)).toMatchObject({ ok: false, detail: 'size out of range' });
  });
});
