/**
 * Paper-demand detector in headless Chromium: median full scan of a generated 10,000-element service
 * page, and median incremental rescan (IncrementalScanner.update) after inserting 100 nodes.
 * Targets: full scan ≤ 30 ms, incremental ≤ 2 ms. Without Chromium it says so and exits 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findChromium, launchChromium } from '../../tests/support/chromium.js';
import { detectorBundle } from '../../tests/support/detector-bundle.js';

const chromium = findChromium();
if (!chromium) {
  console.log('detector bench: Chromium not found (set PUPPETEER_EXECUTABLE_PATH or install chromium); skipped.');
  process.exit(0);
}

const DEMANDS = ['营业执照副本复印件（加盖公章）', '请携带<span>营业</span><span>执照</span>原件到窗口核验', '本窗口暂不接受电子营业执照'];
const FILLER = ['申请人应当如实提交有关材料和反映真实情况', '办理时限为<b>5个工作日</b>', '咨询电话：023-43720000', '无需提交纸质营业执照，系统通过数据共享获取'];

/** A service page of exactly `target` elements: sections of headings, paragraphs, lists, tables and forms. */
function generate(target: number): string {
  const parts: string[] = [];
  let n = 4; // html, head, title, body
  let i = 0;
  while (n < target - 40) {
    const demand = i % 10 === 0 ? DEMANDS[(i / 10) % DEMANDS.length]! : null;
    parts.push(
      `<section><h2>第${i + 1}节 办理须知</h2>`,
      `<p>${FILLER[i % FILLER.length]}</p><p>${demand ?? FILLER[(i + 1) % FILLER.length]}</p><p><a href="#s${i}">相关事项</a> <em>第${i}项</em></p>`,
      `<ul>${Array.from({ length: 5 }, (_, k) => `<li>材料${k + 1}：申请书<span>（一式两份）</span></li>`).join('')}</ul>`,
      `<table><tr><td>序号</td><td>材料名称</td><td>份数</td></tr><tr><td>1</td><td>法定代表人身份证复印件</td><td>1</td></tr><tr><td>2</td><td>${i % 7 === 0 ? '营业执照 | 复印件' : '授权委托书'}</td><td>1</td></tr></table>`,
      `<div class="f"><label for="f${i}">${i % 9 === 0 ? '营业执照扫描件' : '其他材料'}</label><input type="file" id="f${i}"></div></section>`,
    );
    n += 1 + 1 + 3 + 1 + 1 + 1 + 5 * 2 + 1 + 3 * 4 + 1 + 1 + 1 + 1 + (demand?.includes('<span>') ? 2 : 0) + (i % FILLER.length === 1 || (i + 1) % FILLER.length === 1 ? 1 : 0);
    i++;
  }
  while (n < target) {
    parts.push('<div>页脚</div>');
    n++;
  }
  return `<!DOCTYPE html><html lang="zh-CN"><head><title>取水许可证变更 - 大足区水利局</title></head><body>${parts.join('')}</body></html>`;
}

const html = generate(10_000);
const bundle = await detectorBundle();
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': req.url === '/detector.js' ? 'text/javascript' : 'text/html; charset=utf-8' });
  res.end(req.url === '/detector.js' ? bundle : html);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const port = (server.address() as AddressInfo).port;
const chrome = await launchChromium(chromium);
try {
  const page = await chrome.browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
  await page.addScriptTag({ url: `http://127.0.0.1:${port}/detector.js` });
  // tsx compiles with keepNames: the evaluated function calls esbuild's __name helper.
  await page.addScriptTag({ content: 'globalThis.__name = (f) => f;' });
  const r = await page.evaluate(() => {
    type D = typeof import('../../packages/sdk/src/detector/index.js');
    const d = (globalThis as unknown as { YizhaoDetector: D }).YizhaoDetector;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // The generator's count is approximate (the parser adds tbody): pad to exactly 10,000 in place.
    for (let n = document.getElementsByTagName('*').length; n < 10_000; n++) document.body.append(document.createElement('div'));
    const elements = document.getElementsByTagName('*').length;
    const full: number[] = [];
    let findings = 0;
    for (let k = 0; k < 25; k++) {
      const t0 = performance.now();
      findings = d.scanPage(document).findings.length;
      full.push(performance.now() - t0);
    }
    const scanner = d.createIncrementalScanner(document);
    scanner.scan();
    const mo = new MutationObserver(() => undefined);
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const sections = document.querySelectorAll('section');
    const inc: number[] = [];
    let added = 0;
    for (let k = 0; k < 30; k++) {
      const host = sections[(k * 37) % sections.length]!;
      const inserted: Element[] = [];
      // 100 nodes: 50 paragraphs with a span each, one of them a demand.
      for (let j = 0; j < 50; j++) {
        const p = document.createElement('p');
        const span = document.createElement('span');
        span.textContent = j === 25 ? '营业执照复印件' : `新增说明${j}`;
        p.append(j === 25 ? '请提交' : '第', span);
        host.append(p);
        inserted.push(p);
      }
      const records = mo.takeRecords();
      const t0 = performance.now();
      added = scanner.update(records).added.length;
      inc.push(performance.now() - t0);
      for (const p of inserted) p.remove();
      scanner.update(mo.takeRecords());
    }
    return { elements, findings, full: median(full), fullMin: Math.min(...full), inc: median(inc), added };
  });
  console.log(`detector in Chromium (${(await chrome.browser.version())}), page of ${r.elements} elements, ${r.findings} findings`);
  console.log(`  full scan            median ${r.full.toFixed(2)} ms (min ${r.fullMin.toFixed(2)})   target ≤ 30 ms  ${r.full <= 30 ? 'ok' : 'OVER'}`);
  console.log(`  incremental +100 nodes median ${r.inc.toFixed(3)} ms (${r.added} new findings)   target ≤ 2 ms  ${r.inc <= 2 ? 'ok' : 'OVER'}`);
} finally {
  await chrome.close();
  server.close();
}
