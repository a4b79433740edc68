/**
 * The hostile page: markup in the page's text is never turned into markup by the extension, the
 * 50,000-element page and its mutation storm are scanned (findings shown), and the page's own
 * timer keeps ticking while the extension scans. Timings are printed (targets live in the bench).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor } from '../../tests/support/chromium.js';
import { HOSTILE_ELEMENTS } from './hostile.js';
import { runHostile } from './hostile-run.js';
import { assertBuilt, launchWithExtension, outputPath, servePages, type Launched, type PageServer } from './support.js';

const chromium = chromiumFor('@yizhao/extension hostile page');

describe.skipIf(!chromium)('extension: hostile page (Chromium)', () => {
  let ext: Launched;
  let server: PageServer;

  beforeAll(async () => {
    assertBuilt();
    server = await servePages();
    ext = await launchWithExtension(chromium!);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('nothing is injected, the page keeps running, and the findings are shown', async () => {
    const r = await runHostile(ext.browser, server.origin);
    console.log(`hostile page: ${r.elements} elements; ${r.scans} scans, first/max ${r.maxMs.toFixed(0)} ms, total ${r.totalMs.toFixed(0)} ms; page timer ${r.ticks} ticks, ${r.ticksInStormSecond} in one storm second, longest gap ${r.maxGapMs} ms`);
    expect(r.pwned).toBe(0);
    expect(r.pageImages).toBe(0);
    expect(r.overlayImages).toBe(0);
    expect(r.elements).toBeGreaterThanOrEqual(HOSTILE_ELEMENTS);
    expect(r.scanned).toBeGreaterThanOrEqual(HOSTILE_ELEMENTS);
    expect(r.scans).toBeGreaterThan(1); // the storm was rescanned, incrementally
    expect(r.findings).toBeGreaterThan(0);
    expect(r.ticksInStormSecond).toBeGreaterThan(0);
    expect(r.ticks).toBeGreaterThan(r.ticksInStormSecond);
  });

  it('the page title with markup shows as text in the panel', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${server.origin}/hostile.html`);
    await page.waitForSelector('yizhao-overlay[data-yizhao-overlay=top][data-yizhao-findings]');
    const sw = await (await ext.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(ext.extensionId))).worker();
    const tab = await sw!.evaluate(async () => {
      const tabs = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } } }).chrome.tabs.query({});
      return tabs.find((t) => (t.url ?? '').endsWith('/hostile.html'))?.id ?? -1;
    });
    const panel = await ext.browser.newPage();
    await panel.goto(`chrome-extension://${ext.extensionId}/panel/panel.html?tab=${tab}`);
    await panel.waitForFunction(() => (document.querySelector('#page')?.textContent ?? '').includes('onerror'));
    expect(await panel.$$eval('img', (els) => els.length)).toBe(0);
    expect(await panel.$eval('#page', (e) => e.textContent)).toContain('<img src=x onerror="window.__pwned=1">');
    await panel.screenshot({ path: outputPath('panel-hostile-title.png') });
    await page.bringToFront();
    await page.screenshot({ path: outputPath('overlay-hostile.png') });
  });
});
