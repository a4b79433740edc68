import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yizhao } from './harness.js';

const demo = (f: string) => join(import.meta.dirname, '../../sdk/demo', f);
const trust = ['--trust', demo('trust.jws'), '--pin', demo('pin.jwk.json')];

async function mint(...args: string[]): Promise<string> {
  const run = await yizhao(['dev', 'issue', ...args]);
  expect(run.exit).toBe(0);
  return run.out[0]!;
}

describe('yizhao verify', () => {
  it('verifies a fresh demo presentation; the same one again in the run is REPLAYED', async () => {
    const text = await mint('--name', '重庆市大足区测试有限公司');
    const run = await yizhao(['verify', text, text, ...trust, '--json']);
    const [first, second] = run.json();
    expect(first).toMatchObject({ ok: true, kind: 'licence', code: null, uscc: '91500111MA5U7K3PX2', warnings: [], outcome: 'valid' });
    expect((first!.licence as Record<string, string>).name).toBe('重庆市大足区测试有限公司');
    expect(second).toMatchObject({ ok: false, code: 'REPLAYED', uscc: '91500111MA5U7K3PX2' });
    expect(run.exit).toBe(1);
  });

  it('reads @FILE inputs, and an unreadable input gets its own line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-'));
    writeFileSync(join(dir, 'scan.txt'), `${await mint()}\n`);
    const run = await yizhao(['verify', '@scan.txt', '@missing.txt', 'hello', ...trust, '--json'], { cwd: dir });
    const lines = run.json();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ ok: true });
    expect(lines[1]).toMatchObject({ ok: false, kind: 'unknown', code: null });
    expect(String(lines[1]!.error)).toContain('missing.txt');
    expect(lines[2]).toMatchObject({ ok: false, kind: 'unknown', code: 'UNSUPPORTED_FORMAT', uscc: null, licence: null });
    expect(run.exit).toBe(2);
  });

  it('reads the QR code from a PNG image input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-img-'));
    const text = await mint('--zip', '--png', join(dir, 'qr.png'));
    const run = await yizhao(['verify', 'qr.png', ...trust, '--json'], { cwd: dir });
    expect(run.json()[0]).toMatchObject({ ok: true, kind: 'licence', uscc: '91500111MA5U7K3PX2' });
    expect(text.startsWith('YZL1:')).toBe(true);
    writeFileSync(join(dir, 'blank.png'), readFileSync(join(dir, 'qr.png')).subarray(0, 60));
    const broken = await yizhao(['verify', 'blank.png', ...trust, '--json'], { cwd: dir });
    expect(broken.json()[0]).toMatchObject({ ok: false, kind: 'unknown', code: null });
    expect(broken.exit).toBe(2);
  });

  it('--aud, --nonce and --matter reach the checks', async () => {
    const text = await mint('--aud', 'dz-water', '--nonce', 'n-1', '--scp', 'DZ164-111,DZ164-112');
    const ok = await yizhao(['verify', text, ...trust, '--aud', 'dz-water', '--nonce', 'n-1', '--matter', 'DZ164-111', '--json']);
    expect(ok.json()[0]).toMatchObject({ ok: true });
    const scope = await yizhao(['verify', await mint('--scp', 'DZ164-111'), ...trust, '--matter', 'DZ164-001', '--json']);
    expect(scope.json()[0]).toMatchObject({ code: 'SCOPE_MISMATCH' });
  });

  it('--at replaces the clock', async () => {
    const text = await mint();
    const run = await yizhao(['verify', text, ...trust, '--at', String(Math.floor(Date.now() / 1000) + 3600), '--json']);
    expect(run.json()[0]).toMatchObject({ code: 'EXPIRED' });
  });

  it('a trust list refused by the pin makes every presentation report it', async () => {
    const text = await mint();
    const wrongPin = join(import.meta.dirname, '../../../tests/fixtures/spec-examples/pin.jwk.json');
    const run = await yizhao(['verify', text, 'http://www.gsxt.gov.cn/index.html?uniscid=91500111MA5U7K3PX2', '--trust', demo('trust.jws'), '--pin', wrongPin, '--json']);
    expect(run.json().map((r) => r.code)).toEqual(['TRUST_LIST_INVALID', 'NOT_A_PRESENTATION']);
    expect(run.err.join('\n')).toContain('TRUST_LIST_INVALID');
  });

  it('usage errors exit 2 with a message and nothing on stdout', async () => {
    for (const argv of [['verify', 'x'], ['verify', ...trust], ['verify', 'x', ...trust, '--bogus'], ['verify', 'x', ...trust, '--at', 'yesterday'], ['verify', 'x', '--trust', 'nope.jws', '--pin', demo('pin.jwk.json')]]) {
      const run = await yizhao(argv);
      expect(run.exit).toBe(2);
      expect(run.out).toEqual([]);
      expect(run.err.join('')).not.toBe('');
    }
  });

  it('human output in Chinese by default and English with --lang en', async () => {
    const zh = await yizhao(['verify', await mint(), ...trust]);
    expect(zh.out.join('\n')).toContain('有效');
    expect(zh.out.join('\n')).toContain('法定代表人');
    const en = await yizhao(['verify', 'http://www.gsxt.gov.cn/index.html?uniscid=91500111MA5U7K3PX2', ...trust, '--lang', 'en'], { lang: 'en' });
    expect(en.out.join('\n')).toContain('INVALID');
    expect(en.out.join('\n')).toContain('proves nothing');
    expect(en.exit).toBe(1);
  });
});

describe('yizhao uscc', () => {
  it('normalises human input and reports the first failing rule', async () => {
    const run = await yizhao(['uscc', ' 91500111ma5u7k3px2 ', '91500111MA5U7K3PX3', '12345', '--json']);
    expect(run.json().map(({ ok, code, rule }) => ({ ok, code, rule }))).toEqual([
      { ok: true, code: '91500111MA5U7K3PX2', rule: null },
      { ok: false, code: '91500111MA5U7K3PX3', rule: 'check' },
      { ok: false, code: '12345', rule: 'length' },
    ]);
    expect(run.exit).toBe(1);
    expect((await yizhao(['uscc', '11100000000013338W'])).exit).toBe(0);
    expect((await yizhao(['uscc'])).exit).toBe(2);
  });
});

describe('yizhao dev', () => {
  it('init writes a test issuer whose presentations verify against its own trust list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhao-dev-'));
    expect((await yizhao(['dev', 'init', dir])).exit).toBe(0);
    expect((await yizhao(['dev', 'init', dir])).exit).toBe(2); // refuses to overwrite
    for (const alg of ['ES256', 'EdDSA']) {
      const text = await mint('--dir', dir, '--alg', alg, '--zip', '--png', join(dir, 'qr.png'));
      const run = await yizhao(['verify', text, '--trust', join(dir, 'trust.jws'), '--pin', join(dir, 'pin.jwk.json'), '--json']);
      expect(run.json()[0]).toMatchObject({ ok: true });
      const other = await yizhao(['verify', text, ...trust, '--json']);
      expect(other.json()[0]).toMatchObject({ code: 'UNKNOWN_KEY' }); // same issuer id, other keys
    }
  });

  it('refuses presentations above QR version 25-M and warns above 20-M', async () => {
    const huge = await yizhao(['dev', 'issue', '--business-scope', '经营范围'.repeat(200)]);
    expect(huge.exit).toBe(1);
    expect(huge.out).toEqual([]);
    expect(huge.err.join('')).toContain('25-M');
    const big = await yizhao(['dev', 'issue', '--addr', '重庆市大足区棠香街道'.repeat(4), '--cap', '500万元人民币']);
    expect(big.exit).toBe(0);
    expect(big.err.join('')).toMatch(/版本 2[1-5]-M/);
  });

  it('help documents every command', async () => {
    const run = await yizhao(['--help'], { lang: 'en' });
    for (const word of ['verify', 'uscc', 'seal verify', 'decode', 'catalog list', 'scan-page', 'dev init', 'dev issue', 'dev seal-ca', 'dev seal-cert', 'dev crl', '--trust', '--pin', '--strict']) expect(run.out.join('\n')).toContain(word);
  });
});
