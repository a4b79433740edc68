/**
 * The detector finds the same things in Chromium as in jsdom (spec §9: `scan-page` runs the content
 * script's detector), except what only a browser knows: content hidden by a stylesheet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPage } from '../packages/sdk/src/index.js';
import { CORPUS } from '../scripts/detector-eval.js';
import { chromiumFor, launchChromium, type LaunchedChromium } from './support/chromium.js';
import { detectorBundle } from './support/detector-bundle.js';

const chromium = chromiumFor('detector-browser');
const STYLED = `<!DOCTYPE html><html><head><title>x</title><style>.gone{display:none}.ghost{visibility:hidden}</style></head><body>
<p class="gone">营业执照复印件</p><div class="gone"><p>请携带营业执照原件</p></div><p class="ghost">本窗口不接受电子营业执照</p>
<p id="shown">营业执照扫描件</p>
<label for="f">营业执照扫描件</label><input type="file" id="f" style="display:none"></body></html>`;

type Row = { rule: string; selector: string; match: string; text: string };
const key = (f: Row) => `${f.rule} ${f.selector} | ${f.match} | ${f.text}`;

function inNode(html: string): string[] {
  const doc = new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
  return scanPage(doc, { matter: false }).findings.map(key);
}

describe.skipIf(!chromium)('detector in Chromium', () => {
  let server: Server;
  let base = '';
  let chrome: LaunchedChromium;
  let bundle = '';

  beforeAll(async () => {
    bundle = await detectorBundle();
    server = createServer((req, res) => {
      const name = decodeURIComponent((req.url ?? '/').slice(1));
      const body = name === 'styled.html' ? STYLED : /^[\w.-]+\.html$/.test(name) ? readFileSync(join(CORPUS, name), 'utf8') : null;
      res.writeHead(body === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    chrome = await launchChromium(chromium!);
  }, 60_000);

  afterAll(async () => {
    await chrome?.close();
    await new Promise((ok) => server?.close(ok));
  });

  async function inChromium(name: string): Promise<string[]> {
    const page = await chrome.browser.newPage();
    try {
      await page.goto(base + name, { waitUntil: 'load' });
      await page.addScriptTag({ content: bundle });
      const rows = await page.evaluate(() => {
        const d = (globalThis as unknown as { YizhaoDetector: typeof import('../packages/sdk/src/detector/index.js') }).YizhaoDetector;
        return d.scanPage(document, { matter: false }).findings.map(({ rule, selector, match, text }) => ({ rule, selector, match, text }));
      });
      return rows.map(key);
    } finally {
      await page.close();
    }
  }

  it('finds the same things as jsdom on every corpus page (shadow roots and frames included)', async () => {
    const pages = readdirSync(CORPUS).filter((f) => f.endsWith('.html')).sort();
    let total = 0;
    for (const name of pages) {
      const node = inNode(readFileSync(join(CORPUS, name), 'utf8'));
      expect(await inChromium(name), name).toEqual(node);
      total += node.length;
    }
    expect(total).toBeGreaterThan(50);
  }, 120_000);

  it('skips content that a stylesheet hides, which only a browser knows', async () => {
    const browser = await inChromium('styled.html');
    expect(browser.map((k) => k.split(' ')[1])).toEqual(['#shown', '#f', '#f']);
    // jsdom reads the markup only: the stylesheet-hidden paragraphs are still there.
    expect(inNode(STYLED).length).toBeGreaterThan(browser.length);
  }, 60_000);
});
