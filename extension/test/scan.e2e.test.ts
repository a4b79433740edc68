/**
 * Scan and verify in headless Chromium with the built extension: the camera page scans a fake
 * camera showing a freshly minted presentation (demo issuer, TEST keys) and shows it valid, with
 * the counter page's matter covered by the scope; the panel verifies an uploaded image and pasted
 * text; an expired presentation on the camera shows the red state with the reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qrPng } from '@yizhao/scanner/node';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor } from '../../tests/support/chromium.js';
import { present, writeQrVideo } from './presentations.js';
import { fakeCameraArgs } from '../../tests/support/fake-camera.js';
import { assertBuilt, launchWithExtension, outputPath, servePages, settledCount, type Launched, type PageServer } from './support.js';

const chromium = chromiumFor('@yizhao/extension scan and verify');
const camera = fakeCameraArgs;

async function tabIdOf(browser: Browser, extensionId: string, path: string): Promise<number> {
  const sw = await (await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId))).worker();
  const id = await sw!.evaluate(async (p) => {
    const tabs = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } } }).chrome.tabs.query({});
    return tabs.find((t) => (t.url ?? '').endsWith(p))?.id ?? -1;
  }, path);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function resultOf(page: Page, timeout = 30_000): Promise<{ state: string; code: string; text: string }> {
  await page.waitForSelector('#result[data-state]', { timeout });
  return page.$eval('#result', (e) => ({ state: e.getAttribute('data-state') ?? '', code: e.getAttribute('data-code') ?? '', text: e.textContent ?? '' }));
}

describe.skipIf(!chromium)('extension: scan and verify (Chromium, fake camera)', () => {
  let dir = '';
  let server: PageServer;
  let ext: Launched | null = null;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'yizhao-ext-scan-'));
    server = await servePages();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('camera page: a valid presentation on the camera is verified, with the page’s matter in scope', async () => {
    const video = join(dir, 'valid.y4m');
    writeQrVideo(video, await present({ scp: ['DZ164-111', 'DZ164-054'] }));
    ext = await launchWithExtension(chromium!, { args: camera(video) });
    const counter = await ext.browser.newPage();
    await counter.goto(`${server.origin}/counter.html`);
    expect(await settledCount(counter)).toBeGreaterThan(0);
    const tab = await tabIdOf(ext.browser, ext.extensionId, '/counter.html');
    const page = await ext.browser.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/camera/camera.html?tab=${tab}`);
    const r = await resultOf(page);
    expect(r.state).toBe('valid');
    expect(r.code).toBe('');
    expect(r.text).toContain('重庆市大足区示例科技有限公司');
    expect(r.text).toContain('91500111MA5U7K3PX2');
    expect(r.text).toContain('DZ164-111');
    expect(await page.$eval('.scope', (e) => e.className)).toContain('covers');
    expect(await page.$eval('#trust', (e) => e.textContent)).toContain('演示');
    // The scan stopped at the first decode: the camera is off again.
    await page.waitForFunction(() => (document.querySelector('#video') as HTMLVideoElement).hidden);
    await page.screenshot({ path: outputPath('camera-valid.png'), fullPage: true });
    await page.close();
  });

  it('panel: an uploaded image and pasted text are verified; expired and foreign texts show the reason', async () => {
    const tab = await tabIdOf(ext!.browser, ext!.extensionId, '/counter.html');
    const page = await ext!.browser.newPage();
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(`chrome-extension://${ext!.extensionId}/panel/panel.html?tab=${tab}`);
    await page.waitForSelector('#page[data-findings]');
    expect(Number(await page.$eval('#page', (e) => e.getAttribute('data-findings')))).toBeGreaterThan(0);

    // After the grant (here: the fake-UI flag grants at once) the panel scans with the camera itself.
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'camera' as PermissionName })).state)).toBe('granted');
    await page.click('#camera-btn');
    let r = await resultOf(page);
    expect(r.state).toBe('valid');
    expect(ext!.browser.targets().filter((t) => t.url().includes('/camera/camera.html'))).toHaveLength(0);
    await page.$eval('#result', (e) => e.remove());

    const png = join(dir, 'upload.png');
    writeFileSync(png, qrPng(await present(), { scale: 4 }));
    const input = (await page.$('input#image-input')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(png);
    r = await resultOf(page);
    expect(r.state).toBe('valid');
    expect(r.text).toContain('张三');
    expect(await page.$eval('#record-uscc', (e) => (e as HTMLInputElement).value)).toBe('91500111MA5U7K3PX2');
    await page.screenshot({ path: outputPath('panel-upload-valid.png'), fullPage: true });

    const paste = async (text: string) => {
      await page.$eval('#result', (e) => e.remove());
      await page.$eval('#paste-input', (e, v) => ((e as HTMLTextAreaElement).value = v), text);
      await page.click('#paste-verify');
      return resultOf(page);
    };
    r = await paste(await present());
    expect(r.state).toBe('valid');
    r = await paste(await present({ expired: true }));
    expect(r.state).toBe('invalid');
    expect(r.code).toBe('EXPIRED');
    expect(r.text).toContain('出示码已过期');
    await page.screenshot({ path: outputPath('panel-paste-expired.png'), fullPage: true });
    r = await paste(await present({ scp: ['DZ164-001'] }));
    expect(r.code).toBe('SCOPE_MISMATCH');
    expect(await page.$eval('.scope', (e) => e.className)).toContain('not-covers');
    r = await paste('<img src=x onerror="window.__pwned=1"> hello');
    expect(r.state).toBe('invalid');
    expect(await page.$$eval('#result img', (els) => els.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
    await ext!.close();
    ext = null;
  });

  it('camera page: an expired presentation shows the red state with the reason', async () => {
    const video = join(dir, 'expired.y4m');
    writeQrVideo(video, await present({ expired: true }));
    ext = await launchWithExtension(chromium!, { args: camera(video) });
    const page = await ext.browser.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/camera/camera.html`);
    const r = await resultOf(page);
    expect(r.state).toBe('invalid');
    expect(r.code).toBe('EXPIRED');
    expect(r.text).toContain('出示码已过期');
    await page.screenshot({ path: outputPath('camera-expired.png'), fullPage: true });
  });
});
