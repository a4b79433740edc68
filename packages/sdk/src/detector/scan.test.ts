// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { createIncrementalScanner, scanPage, type Finding } from './scan.js';

function page(html: string): Document {
  // DOMParser, not innerHTML: the fixtures are parsed as a page would be.
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><head><title>t</title></head><body>${html}</body></html>`, 'text/html');
}
const rulesAt = (fs: Finding[]) => fs.map((f) => `${f.rule}@${f.selector}`);

describe('scanPage', () => {
  it('matches across inline element boundaries and reports text and match as shown', () => {
    const doc = page('<p id="m"><span>营业</span><span>执照</span>复印件<b>（加盖公章）</b></p>');
    const { findings } = scanPage(doc);
    expect(rulesAt(findings)).toEqual(['licence-copy@#m', 'seal-stamp@#m']);
    expect(findings[0]!.text).toBe('营业执照复印件（加盖公章）');
    expect(findings[0]!.match).toBe('营业执照复印件');
    expect(findings[0]!.element).toBe(doc.getElementById('m'));
  });

  it('reads a table row as a unit and points at the row', () => {
    const doc = page('<table><tr><td>营业执照</td><td>复印件</td><td>加盖公章</td></tr><tr><td>身份证</td><td>复印件</td></tr></table>');
    const { findings } = scanPage(doc);
    expect(findings.map((f) => f.rule).sort()).toEqual(['licence-copy', 'seal-stamp']);
    expect(doc.querySelector(findings[0]!.selector)).toBe(doc.querySelector('tr'));
    expect(findings[0]!.text).toBe('营业执照 复印件 加盖公章');
  });

  it('reads form fields with their label, aria-label and implicit label; number fields are not demands', () => {
    const doc = page(`
      <label for="a">营业执照扫描件*</label><input type="file" id="a">
      <input type="file" aria-label="上传营业执照照片" name="b">
      <div class="item"><div>营业执照</div><div><input type="file" name="c"></div></div>
      <input placeholder="请输入营业执照号码">`);
    const fields = scanPage(doc).findings.filter((f) => f.rule === 'licence-upload');
    expect(fields.map((f) => doc.querySelector(f.selector))).toEqual([doc.getElementById('a'), doc.querySelector('[name=b]'), doc.querySelector('[name=c]')]);
    // The label's text belongs to the field: no second finding on the label's block.
    expect(scanPage(doc).findings.every((f) => f.unit === 'field')).toBe(true);
  });

  it('skips navigation, link lists, hidden and inline display:none content', () => {
    const doc = page(`<nav><a>营业执照复印件打印</a></nav><ul><li><a href="#">营业执照原件遗失怎么办</a></li></ul>
      <p hidden>营业执照复印件</p><div style="display:none"><p>营业执照原件</p></div><p>营业执照原件</p>`);
    expect(rulesAt(scanPage(doc).findings)).toEqual(['licence-copy@body > p:nth-of-type(2)']);
  });

  it('scans open shadow roots and srcdoc frames, joining selectors with >>>', () => {
    const doc = page('<div id="host"></div><iframe srcdoc="<p>本窗口不接受电子营业执照</p>"></iframe>');
    const root = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    const p = doc.createElement('p');
    p.textContent = '营业执照原件';
    root.append(p);
    expect(rulesAt(scanPage(doc).findings)).toEqual(['licence-copy@#host >>> p', 'licence-refused@body > iframe >>> body > p']);
  });

  it('bounds work on hostile pages', () => {
    const doc = page('');
    for (let i = 0; i < 50; i++) doc.body.append(doc.createElement('div'));
    const big = doc.createElement('p');
    big.textContent = '无关文字'.repeat(5000) + '营业执照复印件';
    doc.body.append(big);
    const r = scanPage(doc, { maxElements: 20 });
    expect(r.truncated).toBe(true);
    const r2 = scanPage(doc, { maxUnitChars: 1000 });
    expect(r2.truncated).toBe(true);
    expect(r2.findings).toEqual([]);
  });

  it('names the page matter from title and heading', () => {
    const doc = page('<h1>取水许可证变更</h1>');
    doc.title = '取水许可证变更 - 大足区水利局';
    expect(scanPage(doc).matter).toMatchObject({ id: 'DZ164-110', name: '取水许可证变更' });
    expect(scanPage(page('<h1>关于我们</h1>')).matter).toBeNull();
  });
});

describe('createIncrementalScanner', () => {
  let doc: Document;
  beforeEach(() => {
    doc = page('<main id="main"><p id="a">请提交申请书。</p></main>');
  });

  const observe = (target: Node) => {
    const records: MutationRecord[] = [];
    const mo = new MutationObserver((r) => records.push(...r));
    mo.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    return () => {
      records.push(...mo.takeRecords());
      mo.disconnect();
      return records;
    };
  };

  it('adds findings for inserted nodes and matches a full rescan', () => {
    const s = createIncrementalScanner(doc);
    expect(s.scan().findings).toEqual([]);
    const done = observe(doc.body);
    const main = doc.getElementById('main')!;
    for (let i = 0; i < 5; i++) {
      const li = doc.createElement('p');
      li.textContent = i === 3 ? '营业执照复印件（加盖公章）' : `第${i}项`;
      main.append(li);
    }
    const delta = s.update(done());
    expect(delta.added.map((f) => f.rule).sort()).toEqual(['licence-copy', 'seal-stamp']);
    expect(rulesAt(s.findings)).toEqual(rulesAt(scanPage(doc).findings));
  });

  it('re-reads a block when inline text changes, and drops findings of removed or hidden nodes', () => {
    const s = createIncrementalScanner(doc);
    s.scan();
    let done = observe(doc.body);
    const a = doc.getElementById('a')!;
    const span = doc.createElement('span');
    span.textContent = '请携带营业执照原件';
    a.append(span);
    expect(s.update(done()).added.map((f) => f.selector)).toEqual(['#a']);

    done = observe(doc.body);
    span.firstChild!.nodeValue = '请携带身份证';
    expect(s.update(done()).removed.map((f) => f.rule)).toEqual(['licence-copy']);
    expect(s.findings).toEqual([]);

    span.firstChild!.nodeValue = '营业执照原件';
    s.scan();
    done = observe(doc.body);
    a.setAttribute('hidden', '');
    s.update(done());
    expect(s.findings).toEqual([]);

    a.removeAttribute('hidden');
    s.scan();
    done = observe(doc.body);
    a.remove();
    expect(s.update(done()).removed).toHaveLength(1);
    expect(s.findings).toEqual([]);
  });

  it('re-reads a row when a cell changes', () => {
    doc = page('<table><tr id="r"><td>营业执照</td><td id="c">电子版</td></tr></table>');
    const s = createIncrementalScanner(doc);
    expect(s.scan().findings).toEqual([]);
    const done = observe(doc.body);
    doc.getElementById('c')!.textContent = '复印件';
    expect(s.update(done()).added.map((f) => f.selector)).toEqual(['#r']);
  });
});
