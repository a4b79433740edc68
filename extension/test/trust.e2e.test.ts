/**
 * Production trust-list configuration in headless Chromium with the built extension: a URL and a
 * pinned signer key set in the options replace the demo list; the list is fetched and its age
 * shown; an older list (lower seq: rollback) and a list signed by another key are refused and the
 * accepted one stays.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signTrustList, type DevPrivateJwk, type TrustListPayload } from '@yizhao/sdk/dev';
import { generateDevKey } from '@yizhao/sdk/dev';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor } from '../../tests/support/chromium.js';
import { assertBuilt, launchWithExtension, servePages, type Launched, type PageServer } from './support.js';

const chromium = chromiumFor('@yizhao/extension trust list');
const demo = (f: string) => readFileSync(createRequire(import.meta.url).resolve(`@yizhao/sdk/demo/${f}`), 'utf8');

describe.skipIf(!chromium)('extension: trust list by URL with a pinned key (Chromium)', () => {
  let ext: Launched;
  let server: PageServer;
  let served = '';
  let page: Page;

  beforeAll(async () => {
    assertBuilt();
    served = demo('trust.jws').trim();
    server = await servePages({ '/trust.jws': () => served });
    ext = await launchWithExtension(chromium!);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  const refresh = async () => {
    await page.$eval('#settings-status', (e) => (e.textContent = ''));
    await page.click('#trust-refresh');
    await page.waitForFunction(() => (document.querySelector('#settings-status')?.textContent ?? '') !== '' || !document.querySelector('#settings-status'));
    await new Promise((r) => setTimeout(r, 600));
    await page.waitForSelector('#trust');
    return page.$eval('#settings-status', (e) => e.textContent ?? '').catch(() => '');
  };

  it('fetches the configured list, shows its age, and refuses a rollback and a foreign signer', async () => {
    page = await ext.browser.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options/options.html`);
    await page.waitForSelector('#set-trustListUrl');
    expect(await page.$eval('#trust', (e) => e.className)).toContain('demo');
    await page.$eval('#set-trustListUrl', (e, v) => ((e as HTMLInputElement).value = v), `${server.origin}/trust.jws`);
    await page.$eval('#set-trustListPin', (e, v) => ((e as HTMLTextAreaElement).value = v), demo('pin.jwk.json'));
    await Promise.all([page.waitForNavigation(), page.click('#save-settings')]);
    await page.waitForSelector('#trust');
    // Pin set, nothing fetched yet: no list (the demo list no longer counts).
    expect(await page.$eval('#trust', (e) => e.className)).toContain('bad');
    await Promise.all([page.waitForNavigation(), page.click('#trust-refresh')]);
    await page.waitForSelector('#trust');
    const accepted = await page.$eval('#trust', (e) => ({ cls: e.className, text: e.textContent ?? '' }));
    expect(accepted.cls).not.toMatch(/demo|bad/);
    expect(accepted.text).toContain('第 2 版');
    expect(accepted.text).toContain('最后更新');

    const signer = JSON.parse(demo('trust-signer.private.jwk.json')) as DevPrivateJwk;
    const payload = JSON.parse(demo('trust.payload.json')) as TrustListPayload;
    served = await signTrustList({ ...payload, seq: 1 }, signer);
    expect(await refresh()).toContain('TRUST_LIST_ROLLBACK');
    served = await signTrustList({ ...payload, seq: 9 }, await generateDevKey('ES256'));
    expect(await refresh()).toContain('TRUST_LIST_INVALID');
    await page.reload();
    await page.waitForSelector('#trust');
    expect(await page.$eval('#trust', (e) => e.textContent)).toContain('第 2 版');
  });
});
