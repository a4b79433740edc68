/**
 * Sealed OFDs built here from a test SM2 PKI whose root is in a trust list: the PASSED path (v1,
 * v4, certificate digests), USCC, the chain rules, revocation, and bare signatures with a supplied
 * certificate.
 */
import { readFileSync } from 'node:fs';
import { loadTrustList, parseCrl, type TrustListLoad } from '@yizhao/sdk';
import { createDevIssuer, signTrustList } from '@yizhao/sdk/dev';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSeal, verifyOfd, type SesContext } from '../src/index.js';
import { b64, buildSeal, buildSignature, issueCert, issueCrl, rezip, sealedOfd, sm2Sign, type TestCert } from './forge.js';

const DAY = 86400;
const NOW = Date.UTC(2025, 5, 2) / 1000;
const SIGNED = Date.UTC(2025, 5, 1, 2) / 1000;
const USCC = '91500111MA5U7K3PX2';
const picture = parseSeal(new Uint8Array(readFileSync(new URL('./fixtures/UserV4.esl', import.meta.url)))).picture.data;

let root: TestCert, maker: TestCert, signer: TestCert, trustList: TrustListLoad;

async function trustWith(roots: readonly TestCert[], now = NOW): Promise<TrustListLoad> {
  const dev = await createDevIssuer({ now: now - DAY });
  return loadTrustList(await signTrustList({ ...dev.trustPayload, sealRoots: roots.map((r) => b64(r.der)) }, dev.signer), { pin: dev.pin, now });
}

beforeAll(async () => {
  root = issueCert({ cn: '测试电子印章根 CA', ca: true, notBefore: NOW - 3650 * DAY, notAfter: NOW + 3650 * DAY });
  maker = issueCert({ cn: '测试电子印章制作系统', issuer: root, notBefore: NOW - 365 * DAY, notAfter: NOW + 365 * DAY });
  signer = issueCert({ cn: '重庆市大足区示例科技有限公司', issuer: root, extra: [['2.5.4.97', `NTRCN-${USCC}`]], notBefore: NOW - 365 * DAY, notAfter: NOW + 365 * DAY });
  trustList = await trustWith([root]);
  expect(trustList.ok).toBe(true);
});

function ofd(o: { version?: 1 | 4; digests?: boolean; holders?: TestCert[]; by?: TestCert; time?: number; validEnd?: number; sealFile?: boolean }) {
  const seal = buildSeal({ version: o.version ?? 4, maker, holders: o.holders ?? [signer], digests: o.digests ?? false, validStart: NOW - 100 * DAY, validEnd: o.validEnd ?? NOW + 100 * DAY, picture });
  return sealedOfd({ ...(o.sealFile !== false && { sealFile: seal }), sign: (xml) => buildSignature({ version: o.version ?? 4, seal, signer: o.by ?? signer, time: o.time ?? SIGNED, data: xml }) });
}

const ctx = (extra: Partial<SesContext> = {}): SesContext => ({ trustList, now: NOW, ...extra });

describe('sealed OFDs from a trusted test PKI', () => {
  it.each([
    ['v4, certificate list', 4, false],
    ['v4, certificate digests (certListType 2)', 4, true],
    ['v1 (GM/T 0031)', 1, false],
  ] as const)('%s: PASSED, every check reported, USCC from the certificate', async (_name, version, digests) => {
    const r = await verifyOfd(ofd({ version, digests }), ctx());
    expect(r).toMatchObject({ ok: true, indication: 'PASSED', code: null });
    const [s] = r.signatures;
    expect(s).toMatchObject({ type: 'seal', version, uscc: USCC, signingTime: SIGNED, seal: { version, name: '测试专用章' } });
    expect(s!.checks.map((c) => c.name)).toEqual(['signature-xml', 'references', 'seal-file', 'structure', 'algorithm', 'data-hash', 'signature', 'seal-signature', 'signer-in-seal', 'seal-validity', 'signing-time', 'cert-validity', 'chain', 'revocation']);
    expect(s!.checks.every((c) => c.ok)).toBe(true);
    expect(s!.warnings.map((w) => w.code)).toEqual(['REVOCATION_NOT_CHECKED']);
    expect(s!.checks.find((c) => c.name === 'chain')!.detail).toContain('测试电子印章根 CA');
  });

  it('without a trust list the chain cannot be determined (INDETERMINATE, not FAILED)', async () => {
    const r = await verifyOfd(ofd({}), { now: NOW });
    expect(r).toMatchObject({ indication: 'INDETERMINATE', code: 'CHAIN_UNTRUSTED' });
    expect(r.signatures[0]!.uscc).toBe(USCC);
  });

  it('a refused or expired trust list is reported as such, INDETERMINATE', async () => {
    const expired = await verifyOfd(ofd({}), ctx({ now: NOW + 20 * 365 * DAY }));
    expect(expired.signatures[0]!.checks.find((c) => c.name === 'chain')).toMatchObject({ ok: false, code: 'TRUST_LIST_EXPIRED' });
    const dev = await createDevIssuer();
    const refused = await loadTrustList(dev.trust, { pin: (await createDevIssuer()).pin });
    const r = await verifyOfd(ofd({}), ctx({ trustList: refused }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', code: 'TRUST_LIST_INVALID' });
  });

  it('a self-signed signer certificate from the file is never taken as a root', async () => {
    const self = issueCert({ cn: '自签名', notBefore: NOW - DAY, notAfter: NOW + DAY, keyUsage: 1 | 32 });
    const r = await verifyOfd(ofd({ holders: [self], by: self }), ctx());
    expect(r.signatures[0]!.checks.find((c) => c.name === 'chain')).toMatchObject({ ok: false, code: 'CHAIN_UNTRUSTED', detail: expect.stringContaining('自签名') });
  });

  it('an issuer that is not a CA breaks the path: CERT_INVALID', async () => {
    const fake = issueCert({ cn: 'leaf pretending to issue', issuer: root, notBefore: NOW - DAY, notAfter: NOW + DAY });
    const under = issueCert({ cn: 'issued by a leaf', issuer: fake, notBefore: NOW - DAY, notAfter: NOW + DAY });
    const seal = buildSeal({ version: 4, maker, holders: [under], validStart: NOW - DAY, validEnd: NOW + DAY, picture });
    const doc = sealedOfd({ sign: (xml) => buildSignature({ version: 4, seal, signer: under, time: SIGNED, data: xml }) });
    // The leaf-issuer travels nowhere in the file, so the path cannot even be built…
    expect((await verifyOfd(doc, ctx())).code).toBe('CHAIN_UNTRUSTED');
    // …and when the trust list names it, its missing cA flag still fails the path.
    const r = await verifyOfd(doc, ctx({ trustList: await trustWith([fake]) }));
    expect(r).toMatchObject({ indication: 'FAILED', code: 'CERT_INVALID' });
  });

  it('a seal used after its validity: SEAL_NOT_VALID (FAILED)', async () => {
    const r = await verifyOfd(ofd({ validEnd: SIGNED - DAY }), ctx());
    expect(r).toMatchObject({ indication: 'FAILED', code: 'SEAL_NOT_VALID' });
  });

  it('a signing time in the future is refused', async () => {
    const r = await verifyOfd(ofd({ time: NOW + 3600 }), ctx());
    expect(r.signatures[0]!.checks.find((c) => c.name === 'signing-time')).toMatchObject({ ok: false, code: 'OFD_MALFORMED' });
  });

  it('a signer not in the seal\'s certificate list: SIGNER_NOT_IN_SEAL, also with digests', async () => {
    const other = issueCert({ cn: '他人', issuer: root, notBefore: NOW - DAY, notAfter: NOW + DAY });
    for (const digests of [false, true]) {
      const r = await verifyOfd(ofd({ by: other, digests }), ctx());
      expect(r).toMatchObject({ indication: 'FAILED', code: 'SIGNER_NOT_IN_SEAL' });
    }
  });

  it('revocation: a current CRL clears the warning, a listed serial is CERT_REVOKED, strict makes unchecked INDETERMINATE', async () => {
    const clean = parseCrl(issueCrl(root, [], NOW - DAY, NOW + 7 * DAY))!;
    const ok = await verifyOfd(ofd({}), ctx({ crls: [clean] }));
    expect(ok).toMatchObject({ indication: 'PASSED' });
    expect(ok.signatures[0]!.warnings).toEqual([]);
    const revoked = await verifyOfd(ofd({}), ctx({ crls: [parseCrl(issueCrl(root, [signer], NOW - DAY, NOW + 7 * DAY))!] }));
    expect(revoked).toMatchObject({ indication: 'FAILED', code: 'CERT_REVOKED' });
    const strict = await verifyOfd(ofd({}), ctx({ strict: true }));
    expect(strict).toMatchObject({ indication: 'INDETERMINATE', code: 'REVOCATION_UNKNOWN' });
  });

  it('an algorithm the structure may not name: ALG_NOT_ALLOWED', async () => {
    const doc = rezip(ofd({ sealFile: false }), (f) => {
      const v = f['Doc_0/Signs/Sign_0/SignedValue.dat']!;
      const sm2sm3 = [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75];
      // The last OID is SES_Signature.signatureAlgID; 1.2.156.10197.1.502 is not a signature algorithm.
      for (let i = v.length - sm2sm3.length; i >= 0; i--) if (sm2sm3.every((b, j) => v[i + j] === b)) return void (v[i + 9] = 0x76);
    });
    const r = await verifyOfd(doc, ctx());
    expect(r.signatures[0]!.checks.find((c) => c.name === 'algorithm')).toMatchObject({ ok: false, code: 'ALG_NOT_ALLOWED' });
    expect(r.indication).toBe('FAILED');
  });

  it('a bare signature (Type="Sign") verifies with a certificate the caller supplies', async () => {
    const doc = sealedOfd({ type: 'Sign', sign: (xml) => sm2Sign(signer.key, xml) });
    expect((await verifyOfd(doc, ctx())).code).toBe('SIGNER_CERT_MISSING');
    const r = await verifyOfd(doc, ctx({ signerCertificates: [maker.der, signer.der] }));
    expect(r).toMatchObject({ indication: 'PASSED', signatures: [{ type: 'sign', version: null, uscc: USCC }] });
    const wrong = await verifyOfd(doc, ctx({ signerCertificates: [maker.der] }));
    expect(wrong.signatures[0]!.checks.at(-1)).toMatchObject({ ok: false, code: 'SIGNER_CERT_MISSING', detail: expect.stringContaining('none of the 1') });
    // A supplied certificate is not a trust anchor: without a trust list its chain cannot be judged.
    const untrusted = await verifyOfd(doc, { now: NOW, signerCertificates: [signer.der] });
    expect(untrusted).toMatchObject({ indication: 'INDETERMINATE', signatures: [{ code: 'CHAIN_UNTRUSTED' }] });
  });

  it('two signatures: the worst indication wins and each is reported', async () => {
    const good = ofd({});
    const doc = rezip(good, (f) => {
      const list = new TextDecoder().decode(f['Doc_0/Signs/Signatures.xml']);
      const xml = new TextDecoder().decode(f['Doc_0/Signs/Sign_0/Signature.xml']);
      f['Doc_0/Signs/Sign_1/Signature.xml'] = new TextEncoder().encode(xml.replace('Sign_0/SignedValue.dat', 'Sign_1/SignedValue.dat'));
      f['Doc_0/Signs/Sign_1/SignedValue.dat'] = new Uint8Array([0x30, 0x00]);
      f['Doc_0/Signs/Signatures.xml'] = new TextEncoder().encode(list.replace('</ofd:Signatures>', '<ofd:Signature ID="2" BaseLoc="Sign_1/Signature.xml"/></ofd:Signatures>'));
    });
    const r = await verifyOfd(doc, ctx());
    expect(r.signatures.map((s) => [s.id, s.indication])).toEqual([
      ['1', 'PASSED'],
      ['2', 'FAILED'],
    ]);
    expect(r).toMatchObject({ ok: false, indication: 'FAILED', code: 'OFD_MALFORMED' });
  });
});
