import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { yizhao } from './harness.js';

const examples = fileURLToPath(new URL('../../../tests/fixtures/spec-examples/', import.meta.url));
interface SealCase {
  name: string;
  doc: string;
  seal: string;
  args: string[];
  expect: { ok: boolean; indication: string; code: string | null; warnings?: string[] };
}
const spec = JSON.parse(readFileSync(join(examples, 'examples.json'), 'utf8')) as { at: number; seals: SealCase[] };

describe('yizhao seal verify — spec worked examples', () => {
  it.each(spec.seals.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const run = await yizhao(['seal', 'verify', c.doc, c.seal, '--trust', 'trust.jws', '--pin', 'pin.jwk.json', '--at', String(spec.at), '--json', ...c.args], { cwd: examples });
    expect(run.out).toHaveLength(1);
    expect(run.json()[0]).toMatchObject(c.expect);
    expect(run.exit).toBe(c.expect.ok ? 0 : 1);
  });
});

describe('yizhao dev seal-ca / seal-cert / seal / crl', () => {
  it('issues a seal, verifies it, and revokes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-seal-'));
    expect((await yizhao(['dev', 'init', dir])).exit).toBe(0);
    expect((await yizhao(['dev', 'seal-ca', dir])).exit).toBe(0);
    expect((await yizhao(['dev', 'seal-ca', dir])).exit).toBe(2);
    const cert = await yizhao(['dev', 'seal-cert', '--dir', dir, '--uscc', '91500111MA5U7K3PX2', '--name', '重庆市大足区示例科技有限公司', '--kind', 'contract', '--out', join(dir, 'seal.json')]);
    expect(cert.exit).toBe(0);
    writeFileSync(join(dir, 'application.pdf'), '%PDF-1.7 申请书');
    expect((await yizhao(['dev', 'seal', 'application.pdf', '--cert', 'seal.json'], { cwd: dir })).exit).toBe(0);
    const trust = ['--trust', join(dir, 'trust.jws'), '--pin', join(dir, 'pin.jwk.json')];
    const ok = await yizhao(['seal', 'verify', 'application.pdf', 'application.pdf.yzseal', ...trust, '--json'], { cwd: dir });
    expect(ok.json()[0]).toMatchObject({ ok: true, indication: 'PASSED', uscc: '91500111MA5U7K3PX2', seal: { kind: 'contract', name: '重庆市大足区示例科技有限公司合同专用章', documentName: 'application.pdf' } });
    const serial = ((ok.json()[0]!.chain as { serial: string }[])[0]!).serial;
    expect((await yizhao(['dev', 'crl', '--dir', dir, '--revoke', serial, '--out', 'crl.der'], { cwd: dir })).exit).toBe(0);
    const revoked = await yizhao(['seal', 'verify', 'application.pdf', 'application.pdf.yzseal', ...trust, '--crl', 'crl.der', '--json'], { cwd: dir });
    expect(revoked.json()[0]).toMatchObject({ ok: false, indication: 'FAILED', code: 'CERT_REVOKED' });
    expect(revoked.exit).toBe(1);
    writeFileSync(join(dir, 'application.pdf'), '%PDF-1.7 申请书（已修改）');
    const human = await yizhao(['seal', 'verify', 'application.pdf', 'application.pdf.yzseal', ...trust], { cwd: dir });
    expect(human.out.join('\n')).toContain('HASH_MISMATCH');
    expect(human.out.join('\n')).toContain('文件内容与电子印章签名不一致');
  });

  it('the bundled demo seal verifies against the bundled demo trust list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-demo-seal-'));
    writeFileSync(join(dir, 'doc.txt'), 'demo');
    const demo = fileURLToPath(new URL('../../sdk/demo/', import.meta.url));
    expect((await yizhao(['dev', 'seal', 'doc.txt', '--cert', join(demo, 'seal-demo-official.private.json')], { cwd: dir })).exit).toBe(0);
    const run = await yizhao(['seal', 'verify', 'doc.txt', 'doc.txt.yzseal', '--trust', join(demo, 'trust.jws'), '--pin', join(demo, 'pin.jwk.json'), '--json'], { cwd: dir });
    expect(run.json()[0]).toMatchObject({ indication: 'PASSED', warnings: ['REVOCATION_NOT_CHECKED'] });
  });

  it('usage and I/O errors exit 2', async () => {
    for (const argv of [['seal'], ['seal', 'verify', 'a'], ['seal', 'verify', 'missing.pdf', 'doc.pdf', '--trust', 'trust.jws', '--pin', 'pin.jwk.json'], ['seal', 'verify', 'doc.pdf', 'seal-ok.yzseal'], ['seal', 'verify', 'doc.pdf', 'seal-ok.yzseal', '--trust', 'trust.jws', '--pin', 'pin.jwk.json', '--crl', 'nope.der']]) {
      const run = await yizhao(argv, { cwd: examples });
      expect(run.exit).toBe(2);
      expect(run.out).toEqual([]);
    }
  });
});
