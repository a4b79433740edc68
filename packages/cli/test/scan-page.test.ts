import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yizhao } from './harness.js';

const corpus = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'pages');
const dir = mkdtempSync(join(tmpdir(), 'yizhao-scan-'));
const clean = join(dir, 'clean.html');
writeFileSync(clean, '<html><head><title>取水许可证变更</title></head><body><h1>取水许可证变更</h1><p>无需提交纸质营业执照。</p></body></html>');

describe('yizhao scan-page', () => {
  it('prints one JSON line per file in spec §9 shape and exits 1 when anything is found', async () => {
    const r = await yizhao(['scan-page', '01-water-permit-table.html', clean, '--json'], { cwd: corpus });
    expect(r.exit).toBe(1);
    const [a, b] = r.json();
    expect(a).toMatchObject({ file: '01-water-permit-table.html', matter: { id: 'DZ164-110' } });
    const findings = a!.findings as Record<string, unknown>[];
    expect(findings.map((f) => f.rule).sort()).toEqual(['licence-copy', 'seal-stamp']);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'match', 'text', 'selector']));
      expect(f.severity).toBe('warning');
      expect(f.selector).toBe('body > div:nth-of-type(2) > table > tbody > tr:nth-of-type(2)');
      expect(f.text).toBe('2 营业执照副本复印件 复印件 1 加盖公章');
      expect((f.messages as Record<string, string>).en).toMatch(/task 8/);
    }
    expect(b).toEqual({ file: clean, matter: { id: 'DZ164-110', score: 1, name: '取水许可证变更' }, findings: [] });
  });

  it('exits 0 when nothing is found', async () => {
    const r = await yizhao(['scan-page', clean, '--json']);
    expect(r.exit).toBe(0);
    expect(r.out).toHaveLength(1);
  });

  it('joins frame and shadow paths with >>>', async () => {
    const r = await yizhao(['scan-page', '11-iframe.html', '10-shadow-dom.html', '--json'], { cwd: corpus });
    const selectors = r.json().flatMap((l) => (l.findings as { selector: string }[]).map((f) => f.selector));
    expect(selectors).toContain('body > iframe >>> body > ol > li:nth-of-type(2)');
    expect(selectors).toContain('#materials >>> ul > li:nth-of-type(2)');
  });

  it('an unreadable file still gets a line with "error" and makes the exit 2', async () => {
    const r = await yizhao(['scan-page', 'missing.html', '02-counter-notice.html', '--json'], { cwd: corpus });
    expect(r.exit).toBe(2);
    const [missing, ok] = r.json();
    expect(missing).toMatchObject({ file: 'missing.html', matter: null, findings: [] });
    expect(typeof missing!.error).toBe('string');
    expect((ok!.findings as unknown[]).length).toBe(2);
    expect(r.err.join('\n')).toMatch(/missing\.html/);
  });

  it('human output lists rule, message and text in the chosen language', async () => {
    const zh = await yizhao(['scan-page', '02-counter-notice.html'], { cwd: corpus });
    expect(zh.exit).toBe(1);
    expect(zh.out.join('\n')).toMatch(/\[错误\] licence-refused/);
    expect(zh.out.join('\n')).toMatch(/本窗口暂不接受电子营业执照/);
    const en = await yizhao(['scan-page', '02-counter-notice.html'], { cwd: corpus, lang: 'en' });
    expect(en.out.join('\n')).toMatch(/\[error\] licence-refused[\s\S]*Refuses the electronic business licence/);
  });

  it('without files is a usage error', async () => {
    const r = await yizhao(['scan-page', '--json']);
    expect(r.exit).toBe(2);
    expect(r.out).toEqual([]);
  });
});
