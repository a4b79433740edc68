/**
 * End to end: a record uploaded over HTTP exactly as the extension does (SDK createRecord, POST
 * /api/v1/records with a device token) shows in the supervisors' dashboard in Chromium; the monthly
 * report renders as HTML and as a PDF with the CJK font embedded.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor, launchChromium, type LaunchedChromium } from '../../../tests/support/chromium.js';
import { body, chain, startTestServer, upload, type TestServer } from './support.js';

const chromium = chromiumFor('audit dashboard e2e');
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">窗口说没有纸质执照不能办';

describe.skipIf(!chromium)('audit dashboard in Chromium', () => {
  let s: TestServer;
  let browser: LaunchedChromium;
  let recordId: string;

  beforeAll(async () => {
    s = await startTestServer({ chromium });
    const { token, device } = await s.addDevice('大足区政务服务中心 3 号窗口');
    const records = await chain(device, 2, null, (i) =>
      body({ reason: i === 1 ? HOSTILE : null, findings: [{ rule: i === 1 ? '<b>rule</b>' : 'paper-licence-copy', severity: 'error', match: '营业执照复印件', selector: 'p' }] }),
    );
    const res = await upload(s.url, token, device, records);
    expect(res.status).toBe(200);
    recordId = records[1]!.id;
    browser = await launchChromium(chromium!);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('logs in and shows the uploaded record, its charts and its device chain', async () => {
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1400, height: 1800 });
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.goto(`${s.url}/`, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.type('#name', s.supervisor.name);
    await page.type('#password', s.supervisor.password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });

    expect(await page.$eval('#total', (e) => e.textContent)).toBe('2');
    const rows = await page.$$eval('#records tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toHaveLength(2);
    const hostileRow = rows.find((r) => r.includes(HOSTILE));
    expect(hostileRow).toBeDefined();
    expect(hostileRow).toEqual(expect.arrayContaining(['区水利局', 'DZ164-111 取水许可证新发', '要求提供纸质执照', '<b>rule</b>']));
    // Record text stayed text: no element was made from it, no handler ran.
    expect(await page.$$eval('#records img, #records b', (e) => e.length)).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(dialogs).toEqual([]);
    // ECharts drew each chart.
    for (const id of ['chart-department', 'chart-matter', 'chart-rule', 'chart-week']) expect(await page.$(`#${id} canvas`), id).not.toBeNull();
    expect(await page.$eval('#devices', (e) => e.textContent)).toContain('大足区政务服务中心 3 号窗口');
    expect(await page.$eval('#log-head', (e) => e.textContent)).toContain('日志共 2 条');
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
    writeFileSync(join(process.cwd(), '.tmp', 'audit-dashboard.png'), await page.screenshot({ fullPage: true }));

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`a[href="/record?id=${recordId}"]`)]);
    await page.waitForSelector('body[data-ready="true"]');
    const text = await page.$eval('#copies', (e) => e.textContent ?? '');
    expect(text).toContain(recordId);
    expect(text).toContain(HOSTILE);
    expect(text).toContain('Merkle');
    await page.close();
  }, 60_000);

  it('renders the monthly report as HTML and as a PDF with the CJK font embedded', async () => {
    const cookie = await s.login();
    const html = await (await fetch(`${s.url}/report/2025-11`, { headers: { Cookie: cookie } })).text();
    expect(html).toContain('拒收情况月报（2025年11月）');
    expect(html).toContain('区水利局');
    expect(html).not.toContain('<img src=x');
    const res = await fetch(`${s.url}/report/2025-11.pdf`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    // Every font is embedded: Skia writes the CFF-based Noto CJK as Type3 fonts (glyph outlines in
    // the PDF itself) and any TrueType font with its program (FontFile2).
    const fonts = raw.match(/\/Subtype \/(Type0|Type1|Type3|TrueType|CIDFontType[02])\b/g) ?? [];
    expect(fonts.length).toBeGreaterThan(0);
    if (fonts.some((f) => !f.endsWith('Type3'))) expect(raw).toMatch(/\/FontFile[23]?\b/);
    // The embedded glyphs include the CJK text (ToUnicode maps to 区 U+533A, 水 U+6C34).
    const streams = [...raw.matchAll(/stream\r?\n/g)].map((m) => {
      const start = m.index! + m[0].length;
      try {
        return inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
      } catch {
        return '';
      }
    });
    // Skia maps glyphs shared with Kangxi radicals (水 = ⽔ U+2F54) to the radical: compare under NFKC.
    const mapped = new Set<string>();
    const add = (u: number) => mapped.add(String.fromCodePoint(u).normalize('NFKC'));
    for (const cmap of streams.filter((t) => t.includes('begincmap'))) {
      for (const m of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>(?:\s*<([0-9a-f]{4})>)?/gi)) {
        if (m[3]) for (let c = parseInt(m[1]!, 16), u = parseInt(m[3], 16); c <= parseInt(m[2]!, 16); c++, u++) add(u);
        else if (m[2]!.length === 4) add(parseInt(m[2]!, 16));
      }
    }
    for (const ch of '区水利局月报') expect(mapped.has(ch), ch).toBe(true);
    writeFileSync(join(process.cwd(), '.tmp', 'audit-report.pdf'), pdf);
  }, 60_000);
});
