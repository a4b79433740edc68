/**
 * The shared ofdrw samples (test/fixtures, Apache-2.0): each parses, and each reports what verifies
 * and what does not, with the reason. The outcomes here are the table in the package README.
 */
import { readFileSync } from 'node:fs';
import { loadTrustList } from '@yizhao/sdk';
import { createDevIssuer } from '@yizhao/sdk/dev';
import { describe, expect, it } from 'vitest';
import { parseSeal, parseSignature, verifyOfd, verifySesSeal, verifySesSignature, type SesVerification } from '../src/index.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const failing = (r: SesVerification) => r.checks.filter((c) => !c.ok).map((c) => `${c.name}:${c.code}`);
const passing = (r: SesVerification) => r.checks.filter((c) => c.ok).map((c) => c.name);
const AT_2021 = Date.UTC(2021, 0, 1) / 1000;

describe('shared OFD samples', () => {
  it('SESV4SignDoc.ofd: intact and correctly signed, but sealed in 2026 with a seal valid 2020–2022', async () => {
    const r = await verifyOfd(fixture('SESV4SignDoc.ofd'));
    expect(r).toMatchObject({ ok: false, indication: 'FAILED', code: 'SEAL_NOT_VALID' });
    const [s] = r.signatures;
    expect(s).toMatchObject({ id: '1', type: 'seal', version: 4, uscc: null, stamps: [{ page: '1', boundary: '50 50 40 40' }] });
    expect(failing(s!)).toEqual(['seal-validity:SEAL_NOT_VALID', 'cert-validity:CERT_EXPIRED', 'chain:CHAIN_UNTRUSTED']);
    expect(passing(s!)).toEqual(['signature-xml', 'references', 'seal-file', 'structure', 'algorithm', 'data-hash', 'signature', 'seal-signature', 'signer-in-seal', 'signing-time']);
    expect(s!.seal).toMatchObject({ name: 'OFD R&W 测试用印章', esId: '51f044b76510434e9bc67a1185c2fba5', version: 4, picture: { type: 'PNG', mime: 'image/png', widthMm: 40, heightMm: 40 } });
    expect(s!.seal!.picture.dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(s!.signingTime).toBe(Date.UTC(2026, 7, 4, 2, 8, 9) / 1000);
  });

  it('allprotected.ofd: every check holds but the chain (no root is known for the ofdrw test CA)', async () => {
    const r = await verifyOfd(fixture('allprotected.ofd'));
    expect(r).toMatchObject({ ok: false, indication: 'INDETERMINATE', code: 'CHAIN_UNTRUSTED' });
    const [s] = r.signatures;
    expect(s).toMatchObject({ id: '001', type: 'seal', version: 4 });
    expect(failing(s!)).toEqual(['chain:CHAIN_UNTRUSTED']);
    expect(s!.checks.find((c) => c.name === 'references')!.detail).toMatch(/^6 files match/);
    expect(s!.warnings.map((w) => w.code)).toEqual(['CERT_EXPIRED_NOW']);
  });

  it('signedFile.ofd (a tax bureau e-invoice, third-party producer): every check holds but the chain', async () => {
    const r = await verifyOfd(fixture('signedFile.ofd'));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', code: 'CHAIN_UNTRUSTED' });
    const [s] = r.signatures;
    expect(s).toMatchObject({ id: '2', type: 'seal', version: 4, signer: { commonName: '国家税务总局江苏省税务局', serial: '14030000001079' } });
    expect(failing(s!)).toEqual(['chain:CHAIN_UNTRUSTED']);
    expect(s!.checks.find((c) => c.name === 'seal-file')!.detail).toMatch(/no separate seal file/);
    // The seal "picture" is itself an OFD package: reported, never offered as an image.
    expect(s!.seal!.picture).toMatchObject({ type: 'ofd', mime: 'application/ofd', dataUrl: null, widthMm: 30, heightMm: 20 });
    expect(s!.seal!.maker!.commonName).toBe('国家税务总局电子印章制作系统');
  });

  it('DigitalSign.ofd: a bare signature (Type="Sign") without a certificate, reported as such', async () => {
    const r = await verifyOfd(fixture('DigitalSign.ofd'));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', code: 'SIGNER_CERT_MISSING' });
    const [s] = r.signatures;
    expect(s).toMatchObject({ id: 's001', type: 'sign', version: null, seal: null, signer: null, uscc: null });
    expect(failing(s!)).toEqual(['signature:SIGNER_CERT_MISSING']);
    expect(passing(s!)).toEqual(['signature-xml', 'references', 'structure', 'algorithm']);
  });

  it('a trust list whose roots are unrelated still leaves the chains undetermined, naming the certificate', async () => {
    const dev = await createDevIssuer();
    const trustList = await loadTrustList(dev.trust, { pin: dev.pin });
    const r = await verifyOfd(fixture('allprotected.ofd'), { trustList });
    expect(r.code).toBe('CHAIN_UNTRUSTED');
    expect(r.signatures[0]!.checks.at(-1)!.detail).toMatch(/no path from .*CN=Test Certificate #01719D2DAB60 to a seal root \(0 configured\)/);
  });
});

describe('shared SES samples', () => {
  it.each([
    ['UserV1.esl', 1, 'SEQUENCE { SES_SealInfo, cert, signatureAlgorithm }', 'OFDRW测试用印章'],
    ['UserV4.esl', 4, 'SES_SealInfo', 'OFD R&W 测试用印章'],
  ] as const)('%s: v%i seal, maker signature over %s; valid in 2021, expired now', async (file, version, form, name) => {
    const seal = parseSeal(fixture(file));
    expect(seal).toMatchObject({ version, header: { id: 'ES', version, vendorId: 'OFDR&WTest' }, property: { name, certListType: 1 }, picture: { type: 'PNG', widthMm: 40, heightMm: 40 } });
    const then = await verifySesSeal(fixture(file), { now: AT_2021 });
    expect(then.version).toBe(version);
    expect(failing(then)).toEqual(['chain:CHAIN_UNTRUSTED']);
    expect(then.checks.find((c) => c.name === 'seal-signature')!.detail).toContain(`over ${form}`);
    const now = await verifySesSeal(fixture(file));
    expect(failing(now)).toEqual(['seal-validity:SEAL_NOT_VALID', 'cert-validity:CERT_EXPIRED', 'chain:CHAIN_UNTRUSTED']);
    expect(now.indication).toBe('FAILED');
  });

  it('SignedValueV4.dat: a v4 SES_Signature whose signatures verify; its dataHash is a placeholder (all zero)', async () => {
    const sig = parseSignature(fixture('SignedValueV4.dat'));
    expect(sig).toMatchObject({ version: 4, tbsVersion: 4, propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml', hasTimestamp: false });
    expect(sig.dataHash.every((b) => b === 0)).toBe(true);
    const bare = await verifySesSignature(fixture('SignedValueV4.dat'));
    expect(failing(bare)).toEqual(['chain:CHAIN_UNTRUSTED']);
    const against = await verifySesSignature(fixture('SignedValueV4.dat'), {}, { data: new TextEncoder().encode('<Signature/>') });
    expect(failing(against)).toEqual(['data-hash:HASH_MISMATCH', 'chain:CHAIN_UNTRUSTED']);
    expect(against.code).toBe('HASH_MISMATCH');
  });

  it('the seal stored as Seal.esl in the OFD samples is UserV4.esl', async () => {
    const fromOfd = parseSignature(fixture('SignedValueV4.dat')).seal.raw;
    expect(Buffer.from(fromOfd).equals(Buffer.from(fixture('UserV4.esl')))).toBe(true);
  });
});
