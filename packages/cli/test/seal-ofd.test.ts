import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDevIssuer, signTrustList } from '@yizhao/sdk/dev';
import { describe, expect, it } from 'vitest';
import { b64, buildSeal, buildSignature, issueCert, rezip, sealedOfd } from '../../ses/test/forge.js';
import { yizhao } from './harness.js';

const fixtures = fileURLToPath(new URL('../../ses/test/fixtures/', import.meta.url));
type Sig = { id: string; type: string; version: number | null; indication: string; code: string | null; uscc: string | null; checks: { name: string; ok: boolean; detail: string | null }[] };

describe('yizhao seal verify FILE.ofd', () => {
  it('reports every signature of each file, one JSON line per file, in order', async () => {
    const run = await yizhao(['seal', 'verify', 'SESV4SignDoc.ofd', 'allprotected.ofd', 'signedFile.ofd', 'DigitalSign.ofd', '--json'], { cwd: fixtures });
    expect(run.exit).toBe(1);
    const lines = run.json();
    expect(lines.map((l) => [l.indication, l.code])).toEqual([
      ['FAILED', 'SEAL_NOT_VALID'],
      ['INDETERMINATE', 'CHAIN_UNTRUSTED'],
      ['INDETERMINATE', 'CHAIN_UNTRUSTED'],
      ['INDETERMINATE', 'SIGNER_CERT_MISSING'],
    ]);
    for (const l of lines) {
      expect(l.ok).toBe(false);
      for (const s of l.signatures as Sig[]) {
        expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'type', 'version', 'indication', 'code', 'uscc', 'checks']));
        for (const c of s.checks) expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'ok', 'detail']));
      }
    }
    const digital = (lines[3]!.signatures as Sig[])[0]!;
    expect(digital).toMatchObject({ id: 's001', type: 'sign', version: null, uscc: null });
    const sealed = (lines[0]!.signatures as Sig[])[0]!;
    expect(sealed).toMatchObject({ id: '1', type: 'seal', version: 4 });
    expect(sealed.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['seal-validity', 'cert-validity', 'chain']);
  });

  it('human output lists each signature and check, in Chinese by default and in English on request', async () => {
    const zh = await yizhao(['seal', 'verify', 'allprotected.ofd'], { cwd: fixtures });
    const text = zh.out.join('\n');
    expect(text).toContain('电子签章 001 (SES v4)');
    expect(text).toContain('✔ 签章人在印章证书列表中');
    expect(text).toContain('✘ 证书链 [CHAIN_UNTRUSTED]');
    expect(text).toContain('印章证书无法追溯到受信任的根证书');
    const en = await yizhao(['seal', 'verify', 'DigitalSign.ofd', '--lang', 'en'], { cwd: fixtures, lang: 'en' });
    expect(en.out.join('\n')).toContain('✘ signature [SIGNER_CERT_MISSING]');
    expect(en.exit).toBe(1);
  });

  it('a tampered copy fails; a file that is not there gets its line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-ofd-'));
    const bad = rezip(new Uint8Array(readFileSync(join(fixtures, 'signedFile.ofd'))), (f) => {
      f['Doc_0/Pages/Page_0/Content.xml'] = new TextEncoder().encode('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>');
    });
    writeFileSync(join(dir, 'tampered.ofd'), bad);
    const run = await yizhao(['seal', 'verify', 'tampered.ofd', 'missing.ofd', '--json'], { cwd: dir });
    expect(run.exit).toBe(2);
    expect(run.json()[0]).toMatchObject({ ok: false, indication: 'FAILED', code: 'REFERENCE_MISMATCH' });
    expect(run.json()[1]).toMatchObject({ ok: false, file: 'missing.ofd', error: expect.any(String) });
  });

  it('an OFD under another name is recognised by its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-ofd-'));
    copyFileSync(join(fixtures, 'allprotected.ofd'), join(dir, 'document.zip'));
    const run = await yizhao(['seal', 'verify', 'document.zip', '--json'], { cwd: dir });
    expect(run.json()[0]).toMatchObject({ code: 'CHAIN_UNTRUSTED', signatures: [{ id: '001' }] });
  });

  it('PASSED with a trust list holding the seal root (exit 0); --strict makes unchecked revocation INDETERMINATE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-ofd-'));
    const now = Math.floor(Date.now() / 1000);
    const root = issueCert({ cn: 'CLI test seal root', ca: true, notBefore: now - 86400, notAfter: now + 86400 * 365 });
    const maker = issueCert({ cn: 'CLI test seal maker', issuer: root, notBefore: now - 86400, notAfter: now + 86400 * 365 });
    const signer = issueCert({ cn: 'CLI test signer', issuer: root, extra: [['2.5.4.97', 'NTRCN-91500111MA5U7K3PX2']], notBefore: now - 86400, notAfter: now + 86400 * 365 });
    const picture = new Uint8Array(readFileSync(join(fixtures, 'UserV4.esl'))).subarray(0, 64);
    const seal = buildSeal({ version: 4, maker, holders: [signer], validStart: now - 86400, validEnd: now + 86400 * 30, picture });
    writeFileSync(join(dir, 'sealed.ofd'), sealedOfd({ sealFile: seal, sign: (xml) => buildSignature({ version: 4, seal, signer, time: now - 60, data: xml }) }));
    const dev = await createDevIssuer();
    writeFileSync(join(dir, 'trust.jws'), await signTrustList({ ...dev.trustPayload, sealRoots: [b64(root.der)] }, dev.signer));
    writeFileSync(join(dir, 'pin.jwk.json'), JSON.stringify(dev.pin));
    const trust = ['--trust', 'trust.jws', '--pin', 'pin.jwk.json'];
    const ok = await yizhao(['seal', 'verify', 'sealed.ofd', ...trust, '--json'], { cwd: dir });
    expect(ok.exit).toBe(0);
    expect(ok.json()[0]).toMatchObject({ ok: true, indication: 'PASSED', code: null, signatures: [{ indication: 'PASSED', uscc: '91500111MA5U7K3PX2', version: 4 }] });
    const strict = await yizhao(['seal', 'verify', 'sealed.ofd', ...trust, '--strict', '--json'], { cwd: dir });
    expect(strict.json()[0]).toMatchObject({ indication: 'INDETERMINATE', code: 'REVOCATION_UNKNOWN' });
    expect(strict.exit).toBe(1);
    const past = await yizhao(['seal', 'verify', 'sealed.ofd', ...trust, '--at', String(now - 3600), '--json'], { cwd: dir });
    expect(past.json()[0]).toMatchObject({ signatures: [{ checks: expect.arrayContaining([expect.objectContaining({ name: 'signing-time', ok: false })]) }] });
  });

  it('usage errors exit 2', async () => {
    expect((await yizhao(['seal', 'verify', 'allprotected.ofd', '--trust', 'x.jws'], { cwd: fixtures })).exit).toBe(2);
    expect((await yizhao(['seal', 'verify', 'allprotected.ofd', '--at', 'yesterday'], { cwd: fixtures })).exit).toBe(2);
    expect((await yizhao(['seal', 'verify', 'allprotected.ofd', '--cert', 'nope.der'], { cwd: fixtures })).exit).toBe(2);
  });
});
