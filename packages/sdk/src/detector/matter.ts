/**
 * Which catalogue matter a service page is about: the best of the title, the first heading and the
 * breadcrumb (each alone, then together), with the department the page names as a tie-breaker.
 */
import { bestMatter, departmentsIn, type MatterCandidate } from '../catalogue/index.js';
import { collapse } from './normalize.js';

export interface PageMatter {
  id: string;
  score: number;
  name: string;
  department: string;
}

const BREADCRUMB = '[class*=breadcrumb i], [class*=crumb i], [aria-label*=breadcrumb i], [aria-label*=面包屑], [class*=location i], [class*=position i]';

function text(el: Element | null | undefined, max = 300): string {
  return el ? collapse(el.textContent ?? '').slice(0, max) : '';
}

export function pageMatter(doc: Document): PageMatter | null {
  const title = collapse(doc.title ?? '').slice(0, 300);
  const h1 = text(doc.querySelector('h1'));
  const crumb = text(doc.querySelector(BREADCRUMB));
  const named = text(labelledValue(doc), 120);
  const all = [title, crumb, h1].filter(Boolean).join(' ');
  const department = departmentsIn(all)[0]?.name;
  let best: MatterCandidate | null = null;
  for (const t of [h1, named, title, crumb, all]) {
    if (!t) continue;
    const c = bestMatter(t, department ? { department } : {});
    if (c && (!best || c.score > best.score)) best = c;
  }
  return best ? { id: best.id, score: Math.round(best.score * 1000) / 1000, name: best.matter.name, department: best.matter.department } : null;
}

/** The value next to a "事项名称" label (a cell or a definition), where guides state the matter. */
function labelledValue(doc: Document): Element | null {
  for (const el of Array.from(doc.querySelectorAll('th, td, dt, span, strong, label')).slice(0, 400)) {
    if (/^\s*事项名称\s*[:：]?\s*$/.test(el.textContent ?? '')) return el.nextElementSibling;
  }
  return null;
}
