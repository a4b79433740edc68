import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { createVerifier, type SealOptions } from '../src/index.js';
import { createCrl, createSealCa, createSealCert, resignTrustList, signCompact, signSeal, type DevCert, type DevPrivateJwk } from '../src/dev/index.js';
import { decodeBase64, encodeBase64, encodeBase64url } from '../src/jose/base64url.js';
import { T0, token, world } from './world.js';

const USCC = '91500111MA5U7K3PX2';
const DAY = 86_400;
const doc = new TextEncoder().encode('%PDF-1.7\n取水许可申请书 — sealed test document\n%%EOF');

interface SealWorld {
  ca: { root: DevCert; issuing: DevCert };
  otherCa: { root: DevCert; issuing: DevCert };
  leaf: DevCert;
  trust: string;
}
let cached: Promise<SealWorld> | undefined;
function sealWorld(): Promise<SealWorld> {
  cached ??= (async () => {
    const w = await world();
    const [ca, otherCa] = await Promise.all([createSealCa({ now: T0 - 400 * DAY }), createSealCa({ now: T0 - 400 * DAY, name: 'Another PKI' })]);
    const leaf = await createSealCert(ca.issuing, { uscc: USCC, name: '重庆市大足区示例科技有限公司', now: T0 - 30 * DAY });
    const { trust } = await resignTrustList({ ...w.payload, sealRoots: [ca.root.certificate] }, w.signer, w.payload.iat);
    return { ca, otherCa, leaf, trust };
  })();
  return cached;
}

async function verifierFor(options: { trust?: string; pin?: Record<string, unknown> } = {}) {
  const w = await world();
  const s = await sealWorld();
  return createVerifier({ trustList: options.trust ?? s.trust, pin: options.pin ?? w.pin, clock: () => T0 });
}

async function sealWith(cert: DevCert, chain: DevCert[], extra: Partial<Parameters<typeof signSeal>[2]> = {}) {
  return signSeal(doc, cert, { uscc: USCC, kind: 'official', sealName: '示例公章', sigT: T0 - 3600, chain, ...extra });
}

async function check(sealText: string, options: SealOptions & { document?: Uint8Array } = {}) {
  return (await verifierFor()).verifySeal(options.document ?? doc, sealText, options);
}

describe('seal signatures (spec §5)', () => {
  it('PASSED with REVOCATION_NOT_CHECKED by default; the result names the seal, the entity and the chain', async () => {
    const s = await sealWorld();
    const result = await check(await sealWith(s.leaf, [s.ca.issuing]));
    expect(result).toMatchObject({ ok: true, indication: 'PASSED', code: null, uscc: USCC, outcome: 'valid' });
    expect(result.warnings.map((w) => w.code)).toEqual(['REVOCATION_NOT_CHECKED']);
    expect(result.seal).toMatchObject({ kind: 'official', name: '示例公章', signingTime: T0 - 3600 });
    expect(result.signer).toEqual({ name: '重庆市大足区示例科技有限公司', uscc: USCC });
    expect(result.chain.map((c) => c.subject)).toEqual([expect.stringContaining('NTRCN-91500111MA5U7K3PX2'), expect.stringContaining('Issuing CA'), expect.stringContaining('Root CA')]);
  });

  it('EdDSA seal certificates verify too', async () => {
    const s = await sealWorld();
    const ed = await createSealCert(s.ca.issuing, { uscc: USCC, name: '示例', alg: 'EdDSA', now: T0 });
    expect((await check(await sealWith(ed, [s.ca.issuing]))).indication).toBe('PASSED');
  });

  it('current CRLs for every certificate below the root: PASSED without warnings', async () => {
    const s = await sealWorld();
    const crls = [await createCrl(s.ca.issuing, { revoked: [{ serial: '01' }], thisUpdate: T0 - DAY }), await createCrl(s.ca.root, { revoked: [], thisUpdate: T0 - DAY })];
    const result = await check(await sealWith(s.leaf, [s.ca.issuing]), { crls });
    expect(result).toMatchObject({ indication: 'PASSED', warnings: [] });
  });

  it('strict policy: an unchecked certificate is REVOCATION_UNKNOWN, INDETERMINATE', async () => {
    const s = await sealWorld();
    const crls = [await createCrl(s.ca.issuing, { revoked: [], thisUpdate: T0 - DAY })];
    const result = await check(await sealWith(s.leaf, [s.ca.issuing]), { crls, strict: true });
    expect(result).toMatchObject({ ok: false, indication: 'INDETERMINATE', code: 'REVOCATION_UNKNOWN', outcome: 'indeterminate' });
  });

  it('HASH_MISMATCH for a tampered document, also when streamed', async () => {
    const s = await sealWorld();
    const sealText = await sealWith(s.leaf, [s.ca.issuing]);
    const tampered = doc.slice();
    tampered[10]! ^= 1;
    expect(await check(sealText, { document: tampered })).toMatchObject({ indication: 'FAILED', code: 'HASH_MISMATCH' });
    const v = await verifierFor();
    async function* chunks(bytes: Uint8Array) {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    expect((await v.verifySeal(chunks(doc), sealText)).indication).toBe('PASSED');
    expect((await v.verifySeal(chunks(tampered), sealText)).code).toBe('HASH_MISMATCH');
    expect((await v.verifySeal(new Blob([doc as BlobPart]), sealText)).indication).toBe('PASSED');
  });

  it('BAD_SIGNATURE for a flipped signature or a key that does not fit the alg', async () => {
    const s = await sealWorld();
    const [h, p, sig] = (await sealWith(s.leaf, [s.ca.issuing])).split('.') as [string, string, string];
    const bytes = decodeBase64(sig.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (sig.length % 4)) % 4));
    bytes[5]! ^= 0x10;
    expect(await check(`${h}.${p}.${encodeBase64url(bytes)}`)).toMatchObject({ indication: 'FAILED', code: 'BAD_SIGNATURE', uscc: null });
    const ed = await createSealCert(s.ca.issuing, { uscc: USCC, name: '示例', alg: 'EdDSA', now: T0 });
    const mislabeled = await signCompact({ typ: 'yzseal+jws', alg: 'ES256', x5c: [ed.certificate, s.ca.issuing.certificate] }, new TextEncoder().encode('{}'), { ...s.leaf.key, kid: 'x' } as DevPrivateJwk);
    expect((await check(mislabeled)).indication).toBe('FAILED');
  });

  it('SUBJECT_MISMATCH when the certificate names another entity', async () => {
    const s = await sealWorld();
    const other = await createSealCert(s.ca.issuing, { uscc: USCC, name: '别的公司', organizationIdentifier: 'NTRCN-914403001922038216', now: T0 });
    expect(await check(await sealWith(other, [s.ca.issuing]))).toMatchObject({ indication: 'FAILED', code: 'SUBJECT_MISMATCH' });
  });

  it('SUBJECT_INVALID for a bad USCC; MALFORMED for sigT in the future, crit, bad x5c or payload', async () => {
    const s = await sealWorld();
    expect(await check(await sealWith(s.leaf, [s.ca.issuing], { uscc: '91500111MA5U7K3PX3' }))).toMatchObject({ code: 'SUBJECT_INVALID', indication: 'FAILED' });
    expect(await check(await sealWith(s.leaf, [s.ca.issuing], { sigT: T0 + 61 }))).toMatchObject({ code: 'MALFORMED' });
    expect((await check(await sealWith(s.leaf, [s.ca.issuing], { sigT: T0 + 60 }))).indication).toBe('PASSED');
    const payload = new TextEncoder().encode(JSON.stringify({ dig: encodeBase64url(new Uint8Array(32)), sigT: T0, sub: USCC, seal: { k: 'official', n: 'x' } }));
    const key = { ...s.leaf.key, kid: 'x' } as DevPrivateJwk;
    const x5c = [s.leaf.certificate, s.ca.issuing.certificate];
    expect((await check(await signCompact({ typ: 'yzseal+jws', x5c, crit: ['b64'] }, payload, key))).code).toBe('MALFORMED');
    expect((await check(await signCompact({ typ: 'yzseal+jws' }, payload, key))).code).toBe('MALFORMED');
    expect((await check(await signCompact({ typ: 'yzseal+jws', x5c: Array(6).fill(s.leaf.certificate) }, payload, key))).code).toBe('MALFORMED');
    expect((await check(await signCompact({ typ: 'yzseal+jws', x5c: ['bm90IGEgY2VydA=='] }, payload, key))).code).toBe('MALFORMED');
    const badKind = new TextEncoder().encode(JSON.stringify({ dig: encodeBase64url(new Uint8Array(32)), sigT: T0, sub: USCC, seal: { k: 'personal', n: 'x' } }));
    expect((await check(await signCompact({ typ: 'yzseal+jws', x5c }, badKind, key))).code).toBe('MALFORMED');
  });

  it('ALG_NOT_ALLOWED for alg none and friends', async () => {
    const s = await sealWorld();
    for (const alg of ['none', 'HS256', 'RS256']) {
      const header = encodeBase64url(JSON.stringify({ alg, typ: 'yzseal+jws', x5c: [s.leaf.certificate] }));
      expect(await check(`${header}.e30.`)).toMatchObject({ code: 'ALG_NOT_ALLOWED', indication: 'FAILED' });
    }
  });

  it('CHAIN_UNTRUSTED for another root, a missing intermediate, or a loop (without hanging)', async () => {
    const s = await sealWorld();
    const stranger = await createSealCert(s.otherCa.issuing, { uscc: USCC, name: '示例', now: T0 });
    expect(await check(await sealWith(stranger, [s.otherCa.issuing, s.otherCa.root]))).toMatchObject({ code: 'CHAIN_UNTRUSTED', indication: 'INDETERMINATE', outcome: 'indeterminate' });
    expect(await check(await sealWith(s.leaf, []))).toMatchObject({ code: 'CHAIN_UNTRUSTED' });
    // A look-alike PKI with the trusted names: a path exists by name, but its signatures do not verify.
    const lookalike = await createSealCa({ now: T0 - 400 * DAY });
    const forged = await createSealCert(lookalike.issuing, { uscc: USCC, name: '示例', now: T0 });
    expect(await check(await sealWith(forged, [lookalike.issuing, lookalike.root]))).toMatchObject({ code: 'CERT_INVALID', indication: 'FAILED' });
    const loop = await loopCertificates();
    const looped = await createSealCert(loop.a, { uscc: USCC, name: '示例', now: T0 });
    expect(await check(await sealWith(looped, [loop.a, loop.b]))).toMatchObject({ code: 'CHAIN_UNTRUSTED' });
  });

  it('tolerates intermediates out of order and prefers the issuer whose signature verifies', async () => {
    const s = await sealWorld();
    const impostor = await createSealCa({ now: T0 - 400 * DAY }); // same names, other keys
    const result = await check(await sealWith(s.leaf, [impostor.issuing, s.ca.root, s.ca.issuing]));
    expect(result.indication).toBe('PASSED');
  });

  it('CERT_INVALID: an intermediate without cA, a seal certificate without digitalSignature', async () => {
    const s = await sealWorld();
    const notCa = await createSealCert(s.ca.issuing, { uscc: USCC, name: 'Not a CA', sealName: 'Not a CA', now: T0, keyUsage: x509.KeyUsageFlags.keyCertSign });
    const below = await createSealCert(notCa, { uscc: USCC, name: '示例', now: T0 });
    expect(await check(await sealWith(below, [notCa, s.ca.issuing]))).toMatchObject({ code: 'CERT_INVALID', indication: 'FAILED' });
    const noDs = await createSealCert(s.ca.issuing, { uscc: USCC, name: '示例', now: T0, keyUsage: x509.KeyUsageFlags.nonRepudiation });
    expect(await check(await sealWith(noDs, [s.ca.issuing]))).toMatchObject({ code: 'CERT_INVALID' });
  });

  it('CERT_EXPIRED when not valid at sigT; valid at sigT but expired now passes with CERT_EXPIRED_NOW', async () => {
    const s = await sealWorld();
    const expired = await createSealCert(s.ca.issuing, { uscc: USCC, name: '示例', notBefore: T0 - 100 * DAY, notAfter: T0 - 10 * DAY });
    expect(await check(await sealWith(expired, [s.ca.issuing]))).toMatchObject({ code: 'CERT_EXPIRED', indication: 'INDETERMINATE' });
    const earlier = await check(await sealWith(expired, [s.ca.issuing], { sigT: T0 - 20 * DAY }));
    expect(earlier).toMatchObject({ indication: 'PASSED' });
    expect(earlier.warnings.map((w) => w.code)).toContain('CERT_EXPIRED_NOW');
    const notYet = await createSealCert(s.ca.issuing, { uscc: USCC, name: '示例', notBefore: T0 - DAY, notAfter: T0 + 100 * DAY });
    expect(await check(await sealWith(notYet, [s.ca.issuing], { sigT: T0 - 2 * DAY }))).toMatchObject({ code: 'CERT_EXPIRED' });
  });

  it('CERT_REVOKED on a current or a stale CRL; a CRL with a bad signature is ignored', async () => {
    const s = await sealWorld();
    const sealText = await sealWith(s.leaf, [s.ca.issuing]);
    const serial = (await check(sealText)).chain[0]!.serial;
    const current = await createCrl(s.ca.issuing, { revoked: [{ serial }], thisUpdate: T0 - DAY });
    expect(await check(sealText, { crls: [current] })).toMatchObject({ code: 'CERT_REVOKED', indication: 'FAILED' });
    const stale = await createCrl(s.ca.issuing, { revoked: [{ serial }], thisUpdate: T0 - 30 * DAY, nextUpdate: T0 - 20 * DAY });
    expect(await check(sealText, { crls: [stale] })).toMatchObject({ code: 'CERT_REVOKED' });
    const forged = await createCrl({ ...s.otherCa.issuing, certificate: s.ca.issuing.certificate }, { revoked: [{ serial }], thisUpdate: T0 - DAY });
    const result = await check(sealText, { crls: [forged] });
    expect(result).toMatchObject({ indication: 'PASSED' });
    expect(result.warnings.map((w) => w.code)).toEqual(['REVOCATION_NOT_CHECKED']);
    const staleClean = await createCrl(s.ca.issuing, { revoked: [], thisUpdate: T0 - 30 * DAY, nextUpdate: T0 - 20 * DAY });
    expect(await check(sealText, { crls: [staleClean, await createCrl(s.ca.root, { revoked: [], thisUpdate: T0 })], strict: true })).toMatchObject({ code: 'REVOCATION_UNKNOWN' });
  });

  it('warns CLOCK_SUSPECT when the clock is before the trust list was issued', async () => {
    const w = await world();
    const s = await sealWorld();
    const { trust } = await resignTrustList({ ...w.payload, sealRoots: [s.ca.root.certificate] }, w.signer, T0 + 1000);
    const v = await createVerifier({ trustList: trust, pin: w.pin, clock: () => T0 });
    const result = await v.verifySeal(doc, await sealWith(s.leaf, [s.ca.issuing]));
    expect(result.indication).toBe('PASSED');
    expect(result.warnings.map((x) => x.code)).toEqual(['CLOCK_SUSPECT', 'REVOCATION_NOT_CHECKED']);
  });

  it('unknown header members are ignored, however long', async () => {
    const s = await sealWorld();
    const payload = new TextEncoder().encode(JSON.stringify({ dig: encodeBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', doc))), sigT: T0 - 60, sub: USCC, seal: { k: 'official', n: 'x' } }));
    const text = await signCompact({ typ: 'yzseal+jws', x5c: [s.leaf.certificate, s.ca.issuing.certificate], note: 'x'.repeat(20_000) }, payload, { ...s.leaf.key, kid: 'x' } as DevPrivateJwk);
    expect((await check(text)).indication).toBe('PASSED');
  });

  it('a refused trust list makes every seal INDETERMINATE with its code', async () => {
    const s = await sealWorld();
    const v = await verifierFor({ pin: (await world()).es as unknown as Record<string, unknown> });
    const result = await v.verifySeal(doc, await sealWith(s.leaf, [s.ca.issuing]));
    expect(result).toMatchObject({ code: 'TRUST_LIST_INVALID', indication: 'INDETERMINATE' });
  });
});

describe('licence and seal together', () => {
  it('pass when both verify and name the same USCC; SUBJECT_MISMATCH otherwise', async () => {
    const s = await sealWorld();
    const v = await verifierFor();
    const same = await v.verifyLicenceAndSeal(await token(), doc, await sealWith(s.leaf, [s.ca.issuing]));
    expect(same).toMatchObject({ ok: true, code: null });
    const otherUscc = '914403001922038216';
    const otherLeaf = await createSealCert(s.ca.issuing, { uscc: otherUscc, name: '别的公司', now: T0 });
    const other = await v.verifyLicenceAndSeal(await token(), doc, await sealWith(otherLeaf, [s.ca.issuing], { uscc: otherUscc }));
    expect(other).toMatchObject({ ok: false, code: 'SUBJECT_MISMATCH' });
    expect(other.seal.indication).toBe('PASSED');
    expect(other.licence.ok).toBe(true);
  });
});

/** Two CA certificates that name each other as issuer: A ← B ← A. */
async function loopCertificates(): Promise<{ a: DevCert; b: DevCert }> {
  const gen = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
  const [ka, kb] = await Promise.all([gen(), gen()]);
  const ext = () => [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)];
  const make = (subject: string, issuer: string, pub: CryptoKey, signer: CryptoKey) =>
    x509.X509CertificateGenerator.create({ serialNumber: '01', subject, issuer, notBefore: new Date((T0 - DAY) * 1000), notAfter: new Date((T0 + DAY) * 1000), publicKey: pub, signingKey: signer, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' }, extensions: ext() });
  const a = await make('CN=Loop A', 'CN=Loop B', ka.publicKey, kb.privateKey);
  const b = await make('CN=Loop B', 'CN=Loop A', kb.publicKey, ka.privateKey);
  const { exportJWK } = await import('jose');
  return {
    a: { certificate: encodeBase64(new Uint8Array(a.rawData)), key: { ...(await exportJWK(ka.privateKey)), alg: 'ES256' } },
    b: { certificate: encodeBase64(new Uint8Array(b.rawData)), key: { ...(await exportJWK(kb.privateKey)), alg: 'ES256' } },
  };
}

describe('a seal checked later against a licence verified earlier', () => {
  it('combineLicenceAndSeal: each at its own time', async () => {
    const { combineLicenceAndSeal } = await import('../src/index.js');
    const s = await sealWorld();
    const v = await verifierFor();
    const licence = await v.verify(await token(), { now: T0 });
    // Sealed an hour after login, checked then: the presentation has expired by now, the seal is fine.
    const later = await v.verifySeal(doc, await sealWith(s.leaf, [s.ca.issuing], { sigT: T0 + 3600 }), { now: T0 + 3660 });
    expect(combineLicenceAndSeal(licence, later)).toMatchObject({ ok: true, code: null });
    const otherUscc = '914403001922038216';
    const otherLeaf = await createSealCert(s.ca.issuing, { uscc: otherUscc, name: '别的公司', now: T0 });
    const other = await v.verifySeal(doc, await sealWith(otherLeaf, [s.ca.issuing], { uscc: otherUscc }));
    expect(combineLicenceAndSeal(licence, other)).toMatchObject({ ok: false, code: 'SUBJECT_MISMATCH' });
  });
});
