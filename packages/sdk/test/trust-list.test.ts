import { describe, expect, it } from 'vitest';
import { loadTrustList, MemoryTrustListStateStore } from '../src/index.js';
import { generateDevKey, publicPart, signJson, signTrustList, type TrustListPayload } from '../src/dev/index.js';
import { T0, token, verifier, world } from './world.js';

const load = async (trust: string, extra: Partial<Parameters<typeof loadTrustList>[1]> = {}) => {
  const w = await world();
  return loadTrustList(trust, { pin: w.pin, now: T0, ...extra });
};
const edit = async (change: (p: TrustListPayload) => void) => {
  const w = await world();
  const payload = structuredClone(w.payload);
  change(payload);
  return signTrustList(payload, w.signer);
};

describe('trust list (spec §3)', () => {
  it('accepts the list signed by the pinned key', async () => {
    const result = await load((await world()).trust);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.trustList).toMatchObject({ publisher: 'test-publisher', seq: 5 });
    expect([...result.trustList.issuers.keys()]).toEqual(['cn.test.issuer', 'cn.test.other']);
    expect(result.warnings).toEqual([]);
  });

  it('TRUST_LIST_INVALID: another signer, wrong typ, an unallowed alg, tampering, a malformed pin', async () => {
    const w = await world();
    const other = await generateDevKey('ES256');
    expect((await load(await signTrustList(w.payload, other))).ok).toBe(false);
    expect(await load(await signTrustList(w.payload, other))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(await signJson('JWT', w.payload, w.signer))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    const [h, , s] = w.trust.split('.');
    const [, p2] = (await edit((p) => (p.seq = 99))).split('.');
    expect(await load(`${h}.${p2}.${s}`)).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load('not a jws')).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(w.trust, { pin: { kty: 'oct', k: 'AAAA' } })).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(w.trust, { pin: { ...w.pin, d: 'secret' } })).toMatchObject({ code: 'TRUST_LIST_INVALID' });
  });

  it('TRUST_LIST_INVALID: a kid that is not the thumbprint, an alg outside §2, a private key, a bad shape', async () => {
    expect(await load(await edit((p) => (p.issuers[0]!.keys[0]!.kid = 'not-the-thumbprint')))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(await edit((p) => (p.issuers[0]!.keys[0]!.alg = 'ES384')))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(await edit((p) => (p.issuers[0]!.keys[1]!.alg = 'ES256')))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    const w = await world();
    expect(await load(await edit((p) => (p.issuers[0]!.keys[0] = { ...p.issuers[0]!.keys[0], d: w.es.d })))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(await edit((p) => ((p as { seq: unknown }).seq = '5')))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(await edit((p) => p.issuers.push(p.issuers[0]!)))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(await edit((p) => (p.sealRoots = ['<not base64>'])))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect(await load(await edit((p) => (p.sealRoots = ['AAAAA'])))).toMatchObject({ code: 'TRUST_LIST_INVALID' });
  });

  it('TRUST_LIST_EXPIRED past exp (with skew), and every presentation then reports it as cannot-determine', async () => {
    const w = await world();
    expect(await load(w.trust, { now: w.payload.exp + 60 })).toMatchObject({ ok: false, code: 'TRUST_LIST_EXPIRED' });
    expect((await load(w.trust, { now: w.payload.exp + 59 })).ok).toBe(true);
    const v = await verifier();
    const result = await v.verify(await token(), { now: w.payload.exp + 100 });
    expect(result).toMatchObject({ code: 'TRUST_LIST_EXPIRED', outcome: 'indeterminate', kind: 'licence' });
  });

  it('rollback: a lower seq is refused, the same list is the same, a different list with the same seq is invalid', async () => {
    const stateStore = new MemoryTrustListStateStore();
    const w = await world();
    expect((await load(w.trust, { stateStore })).ok).toBe(true);
    expect((await load(w.trust, { stateStore })).ok).toBe(true);
    expect((await load(await edit(() => {}), { stateStore })).ok).toBe(true); // re-signed, same payload
    const reordered = Object.fromEntries(Object.entries(structuredClone(w.payload)).reverse()) as TrustListPayload;
    expect((await load(await signTrustList(reordered, w.signer), { stateStore })).ok).toBe(true); // same content, other member order
    expect(await load(await edit((p) => (p.seq = 4)), { stateStore })).toMatchObject({ code: 'TRUST_LIST_ROLLBACK' });
    expect(await load(await edit((p) => (p.exp += 1)), { stateStore })).toMatchObject({ code: 'TRUST_LIST_INVALID' });
    expect((await load(await edit((p) => (p.seq = 6)), { stateStore })).ok).toBe(true);
    expect(await load(w.trust, { stateStore })).toMatchObject({ code: 'TRUST_LIST_ROLLBACK' });
  });

  it('a refused update keeps the verifier on its current list', async () => {
    const stateStore = new MemoryTrustListStateStore();
    const v = await verifier({ trustListStateStore: stateStore });
    expect((await v.updateTrustList(await edit((p) => (p.seq = 1)))).ok).toBe(false);
    expect(v.trustList.ok && v.trustList.trustList.seq).toBe(5);
    expect((await v.verify(await token())).ok).toBe(true);
  });

  it('warns CLOCK_SUSPECT when the clock is before the list was issued', async () => {
    const w = await world();
    const early = await load(w.trust, { now: w.payload.iat - 61 });
    expect(early.ok && early.warnings.map((x) => x.code)).toEqual(['CLOCK_SUSPECT']);
    const v = await verifier({ clock: () => w.payload.iat - 61 });
    expect(v.trustListWarnings.map((x) => x.code)).toEqual(['CLOCK_SUSPECT']);
  });

  it('accepts an Ed25519 pin', async () => {
    const w = await world();
    const edSigner = await generateDevKey('EdDSA');
    const result = await loadTrustList(await signTrustList(w.payload, edSigner), { pin: publicPart(edSigner) as Record<string, unknown>, now: T0 });
    expect(result.ok).toBe(true);
  });
});
