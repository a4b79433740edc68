/**
 * The approval system in headless Chromium, served by the demo server exactly as `npm start` serves
 * it: scan-to-login (a), precise authorisation (b), 免填报 (c), 免提交 (d), 存档 (e), the fake camera,
 * and the refusals (wrong nonce, wrong audience, out-of-scope matter, replay, another company's seal).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { chromiumFor, launchChromium, type LaunchedChromium } from '../../../tests/support/chromium.js';
import { DEMO_ADDRESS, OTHER_NAME } from '../server/demo-kit.js';
import { buildApproval } from '../server/build.js';
import { startDemoServer, type DemoServer } from '../server/demo-server.js';
import { cameraArgs, challengeOf, fields, loginWith, mint, settled, writeCameraVideo } from './support.js';

const chromium = chromiumFor('example approval-system (puppeteer)');
const AUD = 'dz-water-approval';
/** Every private JWK member `d` anywhere in a key file. */
const privateParts = (v: unknown): string[] =>
  typeof v !== 'object' || v === null ? [] : Object.entries(v).flatMap(([k, x]) => (k === 'd' && typeof x === 'string' ? [x] : privateParts(x)));
const demoDir = (name: string) => createRequire(import.meta.url).resolve(`@yizhao/sdk/demo/${name}`);

describe.skipIf(!chromium)('approval system in Chromium', () => {
  let dir = '';
  let demo: DemoServer;
  let browser: LaunchedChromium;
  let video = '';
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yizhao-approval-'));
    await buildApproval(join(dir, 'dist'));
    demo = await startDemoServer({ approvalDist: join(dir, 'dist') });
    for (const d of [demo.kit.sealed.own, demo.kit.sealed.other]) {
      writeFileSync((files[d.fileName] = join(dir, d.fileName)), d.document);
      writeFileSync((files[`${d.fileName}.yzseal`] = join(dir, `${d.fileName}.yzseal`)), d.seal);
    }
    const tampered = Buffer.from(demo.kit.sealed.own.document);
    tampered[tampered.indexOf('USCC')] = 0x75; // one byte changed after sealing
    writeFileSync((files['tampered.pdf'] = join(dir, 'tampered.pdf')), tampered);
    // Chromium opens the fake-camera file when a capture starts, so the camera test rewrites it then.
    video = join(dir, 'camera.y4m');
    writeCameraVideo(video, null);
    browser = await launchChromium(chromium!, cameraArgs(video));
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page in its own context (own localStorage), with page errors and requests recorded. */
  async function open(): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const context = await browser.browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${demo.origin}/approval/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return { page, errors, requests };
  }

  async function loggedIn(page: Page, extra: { address?: boolean } = {}) {
    const text = await mint(demo.origin, { aud: AUD, nonce: await challengeOf(page), scp: ['DZ164-111'], address: extra.address ?? true });
    const r = await loginWith(page, text);
    expect(r.state).toBe('ok');
    return text;
  }

  async function checkSeal(page: Page, doc: string, seal: string) {
    await page.$eval('#seal-result', (e) => void ((e as HTMLElement).dataset.state = 'pending'));
    await ((await page.$('#doc-file')) as ElementHandle<HTMLInputElement>).uploadFile(doc);
    await ((await page.$('#seal-file')) as ElementHandle<HTMLInputElement>).uploadFile(seal);
    await page.click('#check-seal');
    return settled(page, '#seal-result');
  }

  it('says it uses the demo trust list, and its bundle carries no private test key', async () => {
    const { page, errors, requests } = await open();
    expect(await page.$eval('#trust-notice', (e) => e.textContent)).toContain('演示信任列表 — 测试密钥');
    expect(await page.$eval('#matter-title', (e) => e.textContent)).toContain('DZ164-111 取水许可证新发');
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith(demo.origin) || u.startsWith('data:') || u.startsWith('blob:'))).toBe(true);
    const assets = join(dir, 'dist', 'assets');
    const bundle = readdirSync(assets).map((f) => readFileSync(join(assets, f)).toString('latin1')).join('\n');
    expect(readdirSync(assets).some((f) => f.endsWith('.wasm'))).toBe(true); // zxing served from here, not a CDN
    const secrets = ['issuer.private.json', 'seal-demo-official.private.json', 'seal-ca.private.json', 'trust-signer.private.jwk.json'].flatMap((f) =>
      privateParts(JSON.parse(readFileSync(demoDir(f), 'utf8'))),
    );
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const d of secrets) expect(bundle.includes(d), 'a private key is in the bundle').toBe(false);
    expect(bundle).toContain(JSON.parse(readFileSync(demoDir('pin.jwk.json'), 'utf8')).x); // the pin is (public, expected)
    await page.close();
  });

  it('(a)(c) logs in with a presentation for this system and this challenge, and fills the form', async () => {
    const { page, errors } = await open();
    await loggedIn(page);
    expect(await page.$eval('#login-result', (e) => e.textContent)).toContain('重庆市大足区示例科技有限公司');
    expect(await fields(page)).toEqual({
      'f-name': { value: '重庆市大足区示例科技有限公司', readOnly: true },
      'f-uscc': { value: '91500111MA5U7K3PX2', readOnly: true },
      'f-lr': { value: '张三', readOnly: true },
      'f-address': { value: DEMO_ADDRESS, readOnly: true },
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('(c) leaves the address to the applicant when the presentation does not carry it', async () => {
    const { page } = await open();
    await loggedIn(page, { address: false });
    const f = await fields(page);
    expect(f['f-name']).toEqual({ value: '重庆市大足区示例科技有限公司', readOnly: true });
    expect(f['f-address']).toEqual({ value: '', readOnly: false });
    expect(await page.$eval('#form-note', (e) => e.textContent)).toContain('未包含住所');
    await page.close();
  });

  it('(a) refuses a presentation made for another challenge or another system', async () => {
    const { page } = await open();
    const wrongNonce = await loginWith(page, await mint(demo.origin, { aud: AUD, nonce: 'a-challenge-from-another-page', scp: ['DZ164-111'] }));
    expect(wrongNonce).toMatchObject({ state: 'error', code: 'NONCE_MISMATCH' });
    expect(wrongNonce.text).toContain('本次登录二维码');
    expect((await fields(page))['f-name']).toEqual({ value: '', readOnly: false });

    const wrongAud = await loginWith(page, await mint(demo.origin, { aud: 'dz-other-system', nonce: await challengeOf(page) }));
    expect(wrongAud).toMatchObject({ state: 'error', code: 'AUDIENCE_MISMATCH' });
    const noAud = await loginWith(page, await mint(demo.origin, { nonce: await challengeOf(page) }));
    expect(noAud).toMatchObject({ state: 'error', code: 'AUDIENCE_MISMATCH' });

    await page.close();
  });

  it('(a) refuses the same presentation the second time (replay), though its challenge is still shown', async () => {
    const { page } = await open();
    const text = await loggedIn(page);
    const replay = await loginWith(page, text);
    expect(replay).toMatchObject({ state: 'error', code: 'REPLAYED' });
    expect(replay.text).toContain('已经用过一次');
    await page.close();
  });

  it('(b) refuses a presentation authorised only for other matters, naming this one', async () => {
    const { page } = await open();
    const r = await loginWith(page, await mint(demo.origin, { aud: AUD, nonce: await challengeOf(page), scp: ['DZ164-112'] }));
    expect(r).toMatchObject({ state: 'error', code: 'SCOPE_MISMATCH' });
    expect(r.text).toContain('DZ164-111 取水许可证新发');
    expect(r.text).toContain('DZ164-112');
    const unscoped = await loginWith(page, await mint(demo.origin, { aud: AUD, nonce: await challengeOf(page) }));
    expect(unscoped.state).toBe('ok'); // no scp: not restricted to particular matters
    await page.close();
  });

  it('(d) accepts the sealed application instead of paper, and refuses another company’s seal or a changed file', async () => {
    const { page, errors } = await open();
    const early = await checkSeal(page, files['application.pdf']!, files['application.pdf.yzseal']!);
    expect(early.text).toContain('请先完成扫码登录');
    await loggedIn(page);

    const other = await checkSeal(page, files['other-company-application.pdf']!, files['other-company-application.pdf.yzseal']!);
    expect(other).toMatchObject({ state: 'error', code: 'SUBJECT_MISMATCH' });
    expect(other.text).toContain(OTHER_NAME);
    expect(await page.$eval('#submit', (b) => (b as HTMLButtonElement).disabled)).toBe(true);

    const changed = await checkSeal(page, files['tampered.pdf']!, files['application.pdf.yzseal']!);
    expect(changed).toMatchObject({ state: 'error', code: 'HASH_MISMATCH' });

    const own = await checkSeal(page, files['application.pdf']!, files['application.pdf.yzseal']!);
    expect(own).toMatchObject({ state: 'ok', code: 'OK' });
    expect(own.text).toContain('无需再提交加盖公章的纸质申请书');
    await page.click('#submit');
    const submitted = await settled(page, '#submit-result');
    expect(submitted.state).toBe('ok');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('(e) archives every verification and re-verifies it later at the recorded time and trust list, replay off', async () => {
    const { page } = await open();
    await loginWith(page, await mint(demo.origin, { aud: AUD, nonce: 'not-this-page', scp: ['DZ164-111'] }));
    const text = await loggedIn(page);
    await checkSeal(page, files['application.pdf']!, files['application.pdf.yzseal']!);
    expect((await loginWith(page, text)).code).toBe('REPLAYED'); // the token is spent for live logins
    await page.reload(); // the archive outlives the page
    await page.waitForSelector('body[data-ready="true"]');
    const items = await page.$$eval('#archive-list li', (lis) => lis.map((li) => ({ ok: (li as HTMLElement).dataset.ok, text: li.textContent ?? '' })));
    expect(items.map((i) => i.ok)).toEqual(['false', 'true', 'false']); // newest first
    expect(items[0]!.text).toContain('REPLAYED');
    expect(items[1]!.text).toContain('信任列表序号 2');
    expect(items[1]!.text).toContain('印章 application.pdf：通过');
    expect(items[2]!.text).toContain('NONCE_MISMATCH');

    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('yizhao-approval-archive') ?? '[]'));
    expect(stored[1].evidence).toMatchObject({ v: 1, presentation: text, audience: AUD, matter: 'DZ164-111', trustListSeq: 2, result: { ok: true, code: null, uscc: '91500111MA5U7K3PX2' } });
    expect(typeof stored[1].evidence.verifiedAt).toBe('number');
    expect(stored[1].evidence.trustList).toMatch(/^eyJ/);

    for (const n of [1, 2, 3]) await page.click(`#archive-list li:nth-child(${n}) .reverify`);
    await page.waitForFunction(() => document.querySelectorAll('.reverify-result[data-matches]').length === 3);
    const results = await page.$$eval('.reverify-result', (rs) => rs.map((r) => ({ matches: (r as HTMLElement).dataset.matches, code: (r as HTMLElement).dataset.code })));
    // Replay is not checked on re-verification: the spent token re-verifies as valid (as it was at
    // login), and the refused attempts re-verify to their recorded refusals.
    expect(results).toEqual([
      { matches: 'false', code: 'OK' },
      { matches: 'true', code: 'OK' },
      { matches: 'true', code: 'NONCE_MISMATCH' },
    ]);
    expect(await page.$eval('.reverify-result', (r) => r.textContent)).toContain('重放只能在当时判断');
    await page.close();
  });

  it('logs in by scanning the presentation with the (fake) camera', async () => {
    const { page, errors } = await open();
    writeCameraVideo(video, await mint(demo.origin, { aud: AUD, nonce: await challengeOf(page), scp: ['DZ164-111'], address: true }));
    await page.click('#scan');
    const r = await settled(page, '#login-result');
    expect(r).toMatchObject({ state: 'ok', code: 'OK' });
    expect((await fields(page))['f-uscc']).toEqual({ value: '91500111MA5U7K3PX2', readOnly: true });
    await page.waitForSelector('#camera', { hidden: true }); // the scan stopped and released the camera
    expect(errors).toEqual([]);
    await page.close();
  });
});
