// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncrementalScanner, scanPage, type Finding } from './scan.js';
import { selectorOf } from './selector.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'tests', 'fixtures');
const CORPORA = ['pages', 'pages-blind', 'pages-heldout'];

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const page = (body: string) => parse(`<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`);
const shown = (fs: Finding[]) => fs.map((f) => ({ rule: f.rule, selector: f.selector, match: f.match, text: f.text, unit: f.unit }));
/** Rule, element (its selector now: a kept finding's selector dates from when it was read) and text. */
const keys = (fs: Finding[]) => fs.map((f) => `${f.rule}@${selectorOf(f.element)}|${f.text}`).sort();

/** A yield that counts, and runs `between` while the scan is paused. */
function pauses(between: (n: number) => void = () => undefined) {
  const p = { count: 0, fn: async () => (between(++p.count), undefined) };
  return p;
}

describe('scanSliced', () => {
  const files = CORPORA.flatMap((c) => readdirSync(join(FIXTURES, c)).filter((f) => f.endsWith('.html')).map((f) => join(FIXTURES, c, f)));

  it('finds exactly what a synchronous scan finds on every corpus page, in many slices', async () => {
    expect(files.length).toBeGreaterThanOrEqual(80);
    let slices = 0;
    for (const file of files) {
      const doc = parse(readFileSync(file, 'utf8'));
      const sync = scanPage(doc, { visibility: 'markup' });
      const p = pauses();
      const r = await createIncrementalScanner(doc, { visibility: 'markup' }).scanSliced({ budgetMs: 0, checkEvery: 3, yieldFn: p.fn });
      expect(shown(r.findings), file).toEqual(shown(sync.findings));
      expect(r.findings.map((f) => f.element)).toEqual(sync.findings.map((f) => f.element));
      expect([r.elements, r.truncated, r.matter?.id]).toEqual([sync.elements, sync.truncated, sync.matter?.id]);
      expect(p.count, file).toBeGreaterThanOrEqual(Math.floor(sync.elements / 3) - 1);
      slices += p.count;
    }
    expect(slices).toBeGreaterThan(files.length * 5);
  });

  it('with a generous budget runs in one slice and keeps the scanner current for update()', async () => {
    const doc = page('<main id="m"><p>营业执照复印件</p></main>');
    const s = createIncrementalScanner(doc, { visibility: 'markup' });
    const p = pauses();
    expect((await s.scanSliced({ budgetMs: 1e6, yieldFn: p.fn })).findings.map((f) => f.rule)).toEqual(['licence-copy']);
    expect(p.count).toBe(0);
    const mo = new MutationObserver(() => undefined);
    mo.observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true });
    doc.querySelector('p')!.textContent = '身份证';
    expect(s.update(mo.takeRecords()).removed.map((f) => f.rule)).toEqual(['licence-copy']);
    expect(s.findings).toEqual([]);
  });
});

/** A small seeded generator, so a failing sequence of mutations can be replayed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

function bigPage(): Document {
  const blocks = Array.from({ length: 60 }, (_, i) => {
    const text = i % 7 === 0 ? '请携带营业执照<span>复印件</span>' : i % 11 === 0 ? '本窗口不接受电子营业执照' : `第${i}项<b>说明</b>`;
    return `<section id="s${i}"><h2>第${i}节</h2><div class="d"><p>${text}</p><p>办理时限<i>${i}</i>日</p></div><ul><li>申请书</li><li>材料${i}</li></ul></section>`;
  });
  return page(`<main id="main">${blocks.join('')}</main><table><tr><td>营业执照</td><td id="cell">电子版</td></tr></table>`);
}

/**
 * One random mutation inside <main>: insert a demand, change text, remove, move, hide or show an element.
 * (Not in the table: whether a row is layout is decided on a full read only, by design of update().)
 */
function mutate(doc: Document, pick: (n: number) => number): void {
  const els = Array.from(doc.getElementById('main')!.querySelectorAll('*'));
  const el = els[pick(els.length)];
  if (!el) return;
  const op = pick(6);
  if (op === 0) {
    const p = doc.createElement('p');
    p.innerHTML = pick(2) ? '请提交<span>营业执照原件</span>' : '新增说明';
    el.append(p);
  } else if (op === 1) el.textContent = pick(2) ? '营业执照复印件（加盖公章）' : '无需提交';
  else if (op === 2 && el.localName !== 'main') el.remove();
  else if (op === 3) {
    const to = els[pick(els.length)];
    if (to && !el.contains(to)) to.append(el);
  } else if (op === 4) el.toggleAttribute('hidden');
  else {
    const t = doc.createTreeWalker(el, 4).nextNode();
    if (t) t.nodeValue = pick(2) ? '营业执照原件' : '其他';
  }
}

describe('scanSliced with the page mutating between slices', () => {
  it('ends with the findings of a synchronous scan of the final page (random mutations, 25 seeds)', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const doc = bigPage();
      const pick = rng(seed);
      const s = createIncrementalScanner(doc, { visibility: 'markup' });
      // Mutations at the first 40 pauses (the scan and the updates that follow it).
      const p = pauses((n) => {
        if (n <= 40) for (let k = pick(3); k >= 0; k--) mutate(doc, pick);
      });
      const r = await s.scanSliced({ budgetMs: 0, checkEvery: 1 + pick(20), yieldFn: p.fn });
      const expected = keys(scanPage(doc, { visibility: 'markup' }).findings);
      expect(p.count, `seed ${seed}`).toBeGreaterThan(3);
      expect(keys(r.findings), `seed ${seed}`).toEqual(expected);
      expect(keys(s.findings), `seed ${seed}`).toEqual(expected);
    }
  }, 60_000);

  it('starts again when the node the walk stands on is removed', async () => {
    const doc = page(`<div id="outer">${'<p>第1项</p>'.repeat(50)}<p>营业执照原件</p></div><p id="after">营业执照复印件</p>`);
    const s = createIncrementalScanner(doc, { visibility: 'markup' });
    const p = pauses((n) => n === 1 && doc.getElementById('outer')!.remove());
    const r = await s.scanSliced({ budgetMs: 0, checkEvery: 5, yieldFn: p.fn });
    expect(r.findings.map((f) => f.selector)).toEqual(['#after']);
    expect(r.elements).toBe(scanPage(doc).elements);
  });

  it('queues update() calls made during a sliced scan and applies them after it', async () => {
    const doc = bigPage();
    const s = createIncrementalScanner(doc, { visibility: 'markup' });
    const mo = new MutationObserver(() => undefined);
    mo.observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const deltas: number[] = [];
    const p = pauses((n) => {
      if (n === 2) doc.getElementById('cell')!.textContent = '复印件';
      if (n === 3) doc.getElementById('s0')!.remove();
      const d = s.update(mo.takeRecords());
      deltas.push(d.added.length + d.removed.length);
    });
    const r = await s.scanSliced({ budgetMs: 0, checkEvery: 10, yieldFn: p.fn });
    expect(deltas.every((n) => n === 0)).toBe(true);
    expect(keys(r.findings)).toEqual(keys(scanPage(doc, { visibility: 'markup' }).findings));
    expect(keys(r.findings).some((k) => k.startsWith('licence-copy@body > table'))).toBe(true);
  });
});

describe('updateSliced', () => {
  it('applies a large batch of mutations in slices with the same result as update()', async () => {
    const a = bigPage();
    const b = bigPage();
    const scanners = [a, b].map((doc) => createIncrementalScanner(doc, { visibility: 'markup' }));
    const records = [a, b].map((doc) => {
      scanners[doc === a ? 0 : 1]!.scan();
      const mo = new MutationObserver(() => undefined);
      mo.observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const host = doc.createElement('div');
      host.innerHTML = Array.from({ length: 300 }, (_, i) => `<p>${i % 50 === 0 ? '营业执照<span>复印件</span>' : `第${i}条`}</p>`).join('');
      doc.getElementById('main')!.append(host);
      doc.getElementById('s7')!.remove();
      return mo.takeRecords();
    });
    const sync = scanners[0]!.update(records[0]!);
    const p = pauses();
    const sliced = await scanners[1]!.updateSliced(records[1]!, { budgetMs: 0, checkEvery: 4, yieldFn: p.fn });
    expect(p.count).toBeGreaterThan(50);
    expect(keys(sliced.added)).toEqual(keys(sync.added));
    expect(keys(sliced.removed)).toEqual(keys(sync.removed));
    expect(keys(scanners[1]!.findings)).toEqual(keys(scanPage(b, { visibility: 'markup' }).findings));
  });
});
