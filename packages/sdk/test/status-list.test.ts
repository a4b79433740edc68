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

  it('bounds inflation to the declared size', async () => {
    const w = await world();
    const tl = await trustList();
    // Declares 8 bits but carries 4 KiB of bitstring: must not be expanded past one byte's worth.
    const { deflateSync } = await import('fflate');
    const { signJson } = await import('../src/dev/index.js');
    const { encodeBase64url } = await import('../src/jose/base64url.js');
    const bits = encodeBase64url(deflateSync(new Uint8Array(4096)));
    const liar = await signJson('yzs+jwt', { iss: ISS, sub: STATUS_ID, iat: T0, exp: T0 + 100, size: 8, bits }, w.es);
    expect(await loadStatusList(liar, tl)).toMatchObject({ ok: false, detail: 'bits too-large' });
    const huge = await signJson('yzs+jwt', { iss: ISS, sub: STATUS_ID, iat: T0, exp: T0 + 100, size: 2 ** 40, bits }, w.es);
    expect(await loadStatusList(huge, tl)).toMatchObject({ ok: false, detail: 'size out of range' });
  });
});
