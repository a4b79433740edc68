/**
 * The counter pages are meant for trying the extension: each one's intended verdict (pages.json)
 * must be what the detector the extension runs actually finds, and each names its catalogue matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { getMatter, scanPage } from '@yizhao/sdk';

const DIR = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../tests/fixtures/pages/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(DIR, 'pages.json'), 'utf8')) as { pages: { file: string; matter: string; demandsPaper: boolean }[] };
const scan = (file: string) => {
  const dom = new JSDOM(readFileSync(join(DIR, file), 'utf8'), { virtualConsole: new VirtualConsole() });
  return scanPage(dom.window.document, { visibility: 'markup' });
};

describe('counter pages', () => {
  it('lists every page in the manifest and on the index, with both verdicts represented', () => {
    const html = readdirSync(DIR).filter((f) => f.endsWith('.html') && f !== 'index.html').sort();
    expect(manifest.pages.map((p) => p.file).sort()).toEqual(html);
    const index = readFileSync(join(DIR, 'index.html'), 'utf8');
    for (const f of html) expect(index).toContain(`href="${f}"`);
    expect(new Set(manifest.pages.map((p) => p.demandsPaper))).toEqual(new Set([true, false]));
  });

  it.each(manifest.pages)('$file: the detector agrees (demands paper: $demandsPaper) and names $matter', ({ file, matter, demandsPaper }) => {
    const result = scan(file);
    expect(getMatter(matter)).toBeTruthy();
    expect(result.matter?.id).toBe(matter);
    if (demandsPaper) expect(result.findings.map((f) => f.rule)).not.toEqual([]);
    else expect(result.findings.map((f) => `${f.rule}: ${f.match}`)).toEqual([]);
  });

  it('the index page itself demands nothing, and no page loads anything from elsewhere', () => {
    expect(scan('index.html').findings).toEqual([]);
    for (const f of readdirSync(DIR).filter((n) => n.endsWith('.html'))) {
      expect(readFileSync(join(DIR, f), 'utf8'), f).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    }
  });

  it('are new pages, not copies of the detector corpus', () => {
    const corpus = new Set(readdirSync(CORPUS).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(CORPUS, f), 'utf8')));
    for (const p of manifest.pages) expect(corpus.has(readFileSync(join(DIR, p.file), 'utf8'))).toBe(false);
  });
});
