/**
 * Precision and recall of the paper-demand detector over the labelled corpus in tests/fixtures/pages
 * (labelling rules: tests/fixtures/pages/README.md). The unit is a demand site: an element carrying
 * `data-expect`. A site is found when a finding is on it or inside it, or on the unit that holds it
 * when the site is an inline element; a finding on no site is a false positive.
 * Sites and findings are compared by selector, as a user of `yizhao scan-page --json` would.
 *
 *   npx tsx scripts/detector-eval.ts [CORPUS_DIR] [--verbose]     (default tests/fixtures/pages)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { cssPath, FRAME_JOIN, scanPage, selectorOf, type Finding } from '../packages/sdk/src/index.js';

export const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'pages');

interface Site {
  selector: string;
  rules: string[];
  inline: boolean;
}

export interface PageResult {
  page: string;
  sites: number;
  found: number;
  missed: Site[];
  falsePositives: Finding[];
  ruleMismatches: { selector: string; expected: string[]; got: string[] }[];
}

export interface CorpusResult {
  pages: PageResult[];
  sites: number;
  truePositives: number;
  findings: number;
  falsePositiveFindings: number;
  precision: number;
  recall: number;
}

const INLINE_BOUNDARY = /^(?:p|div|li|dd|dt|tr|td|th|h[1-6]|section|article|header|footer|main|aside|form|fieldset|legend|caption|figcaption|blockquote|pre|ul|ol|dl|table|tbody|thead|tfoot|input|select|textarea|body|summary|details|address)$/;

function sitesIn(root: ParentNode, prefix: string, window: JSDOM['window'], out: Site[]): void {
  for (const el of Array.from(root.querySelectorAll('[data-expect]'))) {
    const selector = prefix ? prefix + cssPath(el) : selectorOf(el);
    out.push({ selector, rules: (el.getAttribute('data-expect') ?? '').split(/\s+/).filter(Boolean), inline: !INLINE_BOUNDARY.test(el.localName) });
  }
  for (const t of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = t.parentElement!;
    sitesIn((t as HTMLTemplateElement).content, prefix + (prefix ? cssPath(host) : selectorOf(host)) + FRAME_JOIN, window, out);
  }
  for (const f of Array.from(root.querySelectorAll('iframe[srcdoc]'))) {
    const doc = new window.DOMParser().parseFromString(f.getAttribute('srcdoc') ?? '', 'text/html');
    sitesIn(doc, prefix + (prefix ? cssPath(f) : selectorOf(f)) + FRAME_JOIN, window, out);
  }
}

/** A finding belongs to a site when it is the site, lies inside it, or is the unit around an inline site. */
function relates(f: Finding, s: Site): boolean {
  return f.selector === s.selector || f.selector.startsWith(s.selector + ' > ') || (s.inline && s.selector.startsWith(f.selector + ' > '));
}

export function evaluatePage(file: string): PageResult {
  const dom = new JSDOM(readFileSync(file, 'utf8'), { virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const sites: Site[] = [];
  sitesIn(doc, '', dom.window, sites);
  const { findings } = scanPage(doc, { visibility: 'markup', matter: false });
  const missed: Site[] = [];
  const ruleMismatches: PageResult['ruleMismatches'] = [];
  let found = 0;
  for (const s of sites) {
    const hits = findings.filter((f) => relates(f, s));
    if (hits.length === 0) missed.push(s);
    else {
      found++;
      const got = [...new Set(hits.map((h) => h.rule))].sort();
      if (s.rules.length && got.join(' ') !== [...s.rules].sort().join(' ')) ruleMismatches.push({ selector: s.selector, expected: s.rules, got });
    }
  }
  const falsePositives = findings.filter((f) => !sites.some((s) => relates(f, s)));
  return { page: basename(file), sites: sites.length, found, missed, falsePositives, ruleMismatches };
}

export function evaluateCorpus(dir = CORPUS): CorpusResult {
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => evaluatePage(join(dir, f)));
  const sites = pages.reduce((n, p) => n + p.sites, 0);
  const truePositives = pages.reduce((n, p) => n + p.found, 0);
  const fp = pages.reduce((n, p) => n + p.falsePositives.length, 0);
  // Precision counts flagged sites against flagged sites plus stray findings (several rules on one site are one flag).
  const precision = truePositives + fp === 0 ? 1 : truePositives / (truePositives + fp);
  return { pages, sites, truePositives, findings: truePositives + fp, falsePositiveFindings: fp, precision, recall: sites === 0 ? 1 : truePositives / sites };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const verbose = process.argv.includes('--verbose');
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const r = evaluateCorpus(dir ? resolve(dir) : CORPUS);
  for (const p of r.pages) {
    const bad = p.missed.length || p.falsePositives.length;
    if (!bad && !verbose) continue;
    console.log(`${p.page}: ${p.found}/${p.sites} sites${bad ? '' : ' ok'}`);
    for (const m of p.missed) console.log(`  MISS ${m.selector} (${m.rules.join(' ')})`);
    for (const f of p.falsePositives) console.log(`  FP   ${f.rule} ${f.selector} — “${f.match}” in “${f.text.slice(0, 80)}”`);
    if (verbose) for (const m of p.ruleMismatches) console.log(`  rule ${m.selector}: expected ${m.expected.join(' ')}, got ${m.got.join(' ')}`);
  }
  console.log(`pages ${r.pages.length}, sites ${r.sites}, found ${r.truePositives}, stray findings ${r.falsePositiveFindings}`);
  console.log(`precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  (targets ≥ 0.95)`);
}
