/**
 * Page flagging in headless Chromium with the built extension: highlights on the right elements
 * with the right count (the SDK detector's own count for the page), none on an exemption page,
 * findings inside a same-origin iframe, an open shadow root and added by script after load;
 * "not a paper demand" removes the finding, is remembered, and is logged; the highlight toggle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { scanPage } from '@yizhao/sdk';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor } from '../../tests/support/chromium.js';
import { assertBuilt, clickOverlay, hasClass, highlightBoxes, launchWithExtension, outputPath, overlayNodes, PAGES_DIR, rectOf, servePages, settledCount, type Launched, type PageServer, type Rect, type Where } from './support.js';

const chromium = chromiumFor('@yizhao/extension page flagging');
type ChromeLike = { chrome: { storage: { local: { set(v: object): Promise<void> } } } };

function detectorCount(file: string): number {
  const dom = new JSDOM(readFileSync(join(PAGES_DIR, file), 'utf8'));
  return scanPage(dom.window.document, { visibility: 'markup' }).findings.length;
}

const overlaps = (box: Rect, el: Rect) => Math.abs(box.x + 3 - el.x) <= 2 && Math.abs(box.y + 3 - el.y) <= 2 && Math.abs(box.width - 6 - el.width) <= 2;

async function expectBoxesOn(page: Page, wheres: Where[]) {
  const boxes = await highlightBoxes(page);
  for (const w of wheres) {
    const r = await rectOf(page, w);
    expect(boxes.some((b) => overlaps(b.rect, r)), `a highlight on ${JSON.stringify(w)}`).toBe(true);
  }
  return boxes;
}

describe.skipIf(!chromium)('extension: page flagging (Chromium)', () => {
  let ext: Launched;
  let server: PageServer;
  let page: Page;

  beforeAll(async () => {
    assertBuilt();
    server = await servePages();
    ext = await launchWithExtension(chromium!);
    page = await ext.browser.newPage();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('counter page: every paper demand highlighted, on the right elements, with the detector’s count', async () => {
    await page.goto(`${server.origin}/counter.html`);
    const count = await settledCount(page);
    expect(count).toBe(detectorCount('counter.html'));
    const expected = await page.$$eval('[data-expect]', (els) => els.map((e) => '#' + e.id));
    await page.evaluate(() => window.scrollTo(0, 0));
    await new Promise((r) => setTimeout(r, 300));
    // Boxes follow scrolling: check them at the top, then again scrolled down.
    const boxes = await highlightBoxes(page);
    expect(boxes).toHaveLength(expected.length);
    const labels = boxes.flatMap((b) => (b.attrs['data-n'] ?? '').split(',')).map(Number).sort((a, b) => a - b);
    expect(labels).toEqual(Array.from({ length: count! }, (_, i) => i + 1));
    await expectBoxesOn(page, expected.map((selector) => ({ selector })));
    await page.screenshot({ path: outputPath('overlay-counter.png') });
    await page.evaluate(() => window.scrollTo(0, 700));
    await new Promise((r) => setTimeout(r, 300));
    await expectBoxesOn(page, [{ selector: '#p-seal' }, { selector: '#up' }]);
    const list = (await overlayNodes(page)).filter((n) => n.name === 'li' && n.top);
    expect(list).toHaveLength(count!);
  });

  it('clicking a finding in the panel scrolls to it', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const last = (await overlayNodes(page)).filter((n) => n.name === 'li' && n.top).at(-1)!;
    await clickOverlay(page, (n) => n.name === 'span' && hasClass(n, 'num') && n.top && n.attrs['data-n'] === last.attrs['data-n']);
    await new Promise((r) => setTimeout(r, 400));
    const r = await rectOf(page, { selector: '#p-seal' });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    expect(r.y).toBeGreaterThan(0);
    expect(r.y).toBeLessThan(860);
  });

  it('exemption page: no highlights, count 0', async () => {
    await page.goto(`${server.origin}/exempt.html`);
    expect(detectorCount('exempt.html')).toBe(0);
    expect(await settledCount(page)).toBe(0);
    expect(await highlightBoxes(page)).toHaveLength(0);
  });

  it('findings in an iframe, an open shadow root and added after load are flagged and counted for the tab', async () => {
    await page.goto(`${server.origin}/dynamic.html`);
    await page.waitForSelector('#added-later');
    const frameCount = detectorCount('frame-inner.html');
    const count = await settledCount(page);
    // iframe (its own content script, summed by the background) + shadow root + the later paragraph.
    expect(count).toBe(frameCount + 2);
    await expectBoxesOn(page, [{ selector: '#in-frame', frame: '#frame' }, { selector: '#in-shadow', shadowHost: '#shadow-host' }, { selector: '#added-later' }]);
    await page.screenshot({ path: outputPath('overlay-dynamic.png') });
  });

  it('"not a paper demand": removed with a reason, remembered for the site and rule, and logged', async () => {
    await page.goto(`${server.origin}/counter.html`);
    const before = (await settledCount(page))!;
    const bring = (await overlayNodes(page)).find((n) => n.name === 'li' && n.top && n.attrs['data-rule'] === 'licence-visit')!;
    const n = bring.attrs['data-n'];
    await clickOverlay(page, (x) => x.name === 'button' && hasClass(x, 'ignore') && x.attrs['data-n'] === n);
    await clickOverlay(page, (x) => x.name === 'input' && x.attrs['data-n'] === n);
    await page.keyboard.type('本页为历史公告，不是现行要求');
    await page.screenshot({ path: outputPath('overlay-ignore-form.png') });
    await clickOverlay(page, (x) => x.name === 'button' && hasClass(x, 'confirm') && x.attrs['data-n'] === n);
    await new Promise((r) => setTimeout(r, 500));
    expect(await settledCount(page)).toBe(before - 1);
    const p = await rectOf(page, { selector: '#p-bring' });
    expect((await highlightBoxes(page)).some((b) => overlaps(b.rect, p))).toBe(false);

    await page.reload();
    expect(await settledCount(page)).toBe(before - 1);

    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options/options.html`);
    await options.waitForSelector('#records-count');
    expect(await options.$eval('#records-count', (e) => e.getAttribute('data-count'))).toBe('1');
    expect(await options.$eval('#ignores', (e) => e.textContent)).toContain('127.0.0.1 · licence-visit · 本页为历史公告');
    expect(await options.$eval('table.records tbody', (e) => e.textContent)).toContain('标记为非纸质要求');
    await options.click('#check-chain');
    await options.waitForSelector('#chain-status[data-ok]');
    expect(await options.$eval('#chain-status', (e) => e.getAttribute('data-ok'))).toBe('true');
    await options.screenshot({ path: outputPath('options.png'), fullPage: true });
    await options.close();
  });

  it('the highlight toggle hides the boxes and keeps the count', async () => {
    const sw = await (await ext.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(ext.extensionId))).worker();
    await sw!.evaluate(() => (globalThis as unknown as ChromeLike).chrome.storage.local.set({ highlightsHidden: true }));
    await page.bringToFront();
    await new Promise((r) => setTimeout(r, 400));
    expect(await highlightBoxes(page)).toHaveLength(0);
    expect(await page.$eval('yizhao-overlay[data-yizhao-overlay=top]', (e) => e.hasAttribute('data-yizhao-hidden'))).toBe(true);
    expect(await settledCount(page)).toBeGreaterThan(0);
    await sw!.evaluate(() => (globalThis as unknown as ChromeLike).chrome.storage.local.set({ highlightsHidden: false }));
    await new Promise((r) => setTimeout(r, 400));
    expect((await highlightBoxes(page)).length).toBeGreaterThan(0);
  });
});
