/**
 * One run of the hostile page (test/hostile.ts) with the extension loaded: what the content script
 * reports about its scans (the overlay host's `data-yizhao-stats`), whether the page's timer kept
 * ticking, and whether anything got injected. Shared by the e2e test and scripts/bench/extension.ts.
 */
import type { Browser } from 'puppeteer-core';
import { HOSTILE_ELEMENTS } from './hostile.js';
import { overlayNodes, settledCount } from './support.js';

export interface HostileRun {
  elements: number;
  scans: number;
  lastMs: number;
  maxMs: number;
  totalMs: number;
  /** Elements the detector read on its full scan. */
  scanned: number;
  findings: number | null;
  /** Page timer (10 ms interval): ticks over the run, and the longest gap between two. */
  ticks: number;
  maxGapMs: number;
  /** Ticks counted during one second in the middle of the mutation storm. */
  ticksInStormSecond: number;
  pwned: number;
  pageImages: number;
  overlayImages: number;
  wallMs: number;
}

export async function runHostile(browser: Browser, origin: string): Promise<HostileRun> {
  const page = await browser.newPage();
  const t0 = Date.now();
  await page.goto(`${origin}/hostile.html`, { waitUntil: 'load' });
  await page.waitForSelector('yizhao-overlay[data-yizhao-overlay=top][data-yizhao-stats]', { timeout: 30_000 });
  await new Promise((r) => setTimeout(r, 2000));
  const before = await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
  await new Promise((r) => setTimeout(r, 1000));
  const after = await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
  await page.waitForFunction(() => (window as unknown as { __stormDone?: boolean }).__stormDone === true, { timeout: 60_000 });
  const findings = await settledCount(page, 15_000);
  const wallMs = Date.now() - t0;
  const stats = await page.$eval('yizhao-overlay[data-yizhao-overlay=top]', (e) => e.getAttribute('data-yizhao-stats') ?? '');
  const num = (k: string) => Number(new RegExp(`${k}=([\\d.]+)`).exec(stats)?.[1] ?? NaN);
  const w = await page.evaluate(() => {
    const g = window as unknown as { __ticks: number; __maxGap: number; __pwned: number };
    return { ticks: g.__ticks, maxGap: g.__maxGap, pwned: g.__pwned, images: document.images.length + document.querySelectorAll('img').length, elements: document.getElementsByTagName('*').length };
  });
  const overlayImages = (await overlayNodes(page)).filter((n) => n.name === 'img').length;
  await page.close();
  return {
    elements: Math.max(w.elements, HOSTILE_ELEMENTS),
    scans: num('scans'),
    lastMs: num('last'),
    maxMs: num('max'),
    totalMs: num('total'),
    scanned: num('elements'),
    findings,
    ticks: w.ticks,
    maxGapMs: Math.round(w.maxGap),
    ticksInStormSecond: after - before,
    pwned: w.pwned,
    pageImages: w.images,
    overlayImages,
    wallMs,
  };
}
