/**
 * The overlay: outlines and numbered badges over flagged elements (position: fixed boxes that follow
 * scrolling and resizing; the page's own elements are never restyled), and in the top document a
 * findings panel for the whole tab. All inside one closed shadow root; all text via text nodes.
 */
import { clear, hIn, onTrustedClick } from '../shared/dom.js';
import type { T } from '../shared/i18n.js';
import type { Language } from '../shared/settings.js';
import type { TabItem, TabSnapshot } from '../shared/messages.js';
import { OVERLAY_CSS } from './overlay-style.js';

export interface LocalFinding {
  key: string;
  element: Element;
  severity: 'error' | 'warning' | 'review';
}

export interface OverlayOptions {
  top: boolean;
  t: T;
  lang: Language;
  onReveal(item: TabItem): void;
  onIgnore(item: TabItem, reason: string): Promise<boolean>;
}

export interface Overlay {
  readonly host: HTMLElement;
  setLocal(findings: LocalFinding[]): void;
  setTab(snapshot: TabSnapshot, frameId: number | null): void;
  setHidden(hidden: boolean): void;
  flash(key: string): void;
  reposition(): void;
}

const MAX_BOXES = 300;

export function createOverlay(doc: Document, o: OverlayOptions): Overlay {
  const el = (tag: string, attrs: Record<string, string | null> = {}, ...kids: (Node | string | null)[]) => hIn(doc, tag, attrs, ...kids);
  const host = doc.createElement('yizhao-overlay');
  host.setAttribute('data-yizhao-overlay', o.top ? 'top' : 'frame');
  // Closed: page scripts cannot reach in, and the detector (which enters open shadow roots) never reads our own text.
  const root = host.attachShadow({ mode: 'closed' });
  root.appendChild(el('style', {}, OVERLAY_CSS));
  const layer = el('div', { class: 'layer' });
  root.appendChild(layer);

  let local: LocalFinding[] = [];
  let numbers = new Map<string, number>();
  let boxes = new Map<string, HTMLElement>();
  let hidden = false;
  let collapsed = false;
  let snapshot: TabSnapshot | null = null;
  const panel = o.top ? el('div', { class: 'panel', role: 'complementary', lang: o.lang }) : null;
  if (panel) root.appendChild(panel);

  // Keys typed into the overlay are not the page's shortcuts.
  root.addEventListener('keydown', (e) => e.stopPropagation());

  const mount = () => {
    if (!host.isConnected) (doc.documentElement ?? doc).appendChild(host);
  };

  function drawBoxes() {
    clear(layer);
    boxes = new Map();
    const byElement = new Map<Element, LocalFinding[]>();
    for (const f of local.slice(0, MAX_BOXES)) byElement.set(f.element, [...(byElement.get(f.element) ?? []), f]);
    for (const [, fs] of byElement) {
      const worst = fs.find((f) => f.severity === 'error') ?? fs.find((f) => f.severity === 'warning') ?? fs[0]!;
      const label = fs.map((f, i) => String(numbers.get(f.key) ?? i + 1)).join(',');
      const box = el('div', { class: `hl ${worst.severity}`, 'data-n': label, 'data-key': fs.map((f) => f.key).join(' ') }, el('span', { class: 'badge' }, label));
      layer.appendChild(box);
      for (const f of fs) boxes.set(f.key, box);
    }
    reposition();
  }

  function reposition() {
    const seen = new Set<HTMLElement>();
    for (const f of local.slice(0, MAX_BOXES)) {
      const box = boxes.get(f.key);
      if (!box || seen.has(box)) continue;
      seen.add(box);
      const r = f.element.getBoundingClientRect();
      const off = r.width === 0 && r.height === 0;
      box.style.display = off ? 'none' : '';
      box.style.left = `${r.left - 3}px`;
      box.style.top = `${r.top - 3}px`;
      box.style.width = `${r.width + 6}px`;
      box.style.height = `${r.height + 6}px`;
    }
  }

  let frameRequested = false;
  const schedule = () => {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      reposition();
    });
  };
  doc.defaultView?.addEventListener('scroll', schedule, { capture: true, passive: true });
  doc.defaultView?.addEventListener('resize', schedule, { passive: true });
  // Layout also moves without scrolling (fonts, images, the page's own script).
  setInterval(() => local.length && schedule(), 1000);

  function item(it: TabItem): HTMLElement {
    const t = o.t;
    const m = it.message[o.lang];
    const li = el('li', { class: it.severity, tabindex: '0', 'data-n': String(it.number), 'data-rule': it.rule },
      el('span', { class: 'num', 'data-n': String(it.number) }, String(it.number)),
      el('span', { class: 'sev' }, t(`severity_${it.severity}`)),
      el('div', { class: 'msg' }, m),
      el('div', { class: 'quote' }, `“${it.match}”`),
      el('div', { class: 'small', title: it.policy.text }, `${t('policy')}：${it.policy.document} ${it.policy.task} — ${it.policy.text.slice(0, 48)}…`),
    );
    if (snapshot?.matter) li.appendChild(el('div', { class: 'small' }, `${t('matter')}：${snapshot.matter.id} ${snapshot.matter.name}`));
    const actions = el('div', { class: 'actions' });
    const n = String(it.number);
    const ignore = el('button', { type: 'button', class: 'ignore', 'data-n': n }, t('ignore'));
    actions.appendChild(ignore);
    li.appendChild(actions);
    onTrustedClick(li, (e) => {
      if ((e.target as Element).closest('.actions')) return;
      o.onReveal(it);
    });
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.isTrusted && e.target === li) o.onReveal(it);
    });
    onTrustedClick(ignore, () => {
      clear(actions);
      const input = el('input', { type: 'text', maxlength: '500', placeholder: t('ignoreReason'), 'aria-label': t('ignoreReason'), 'data-n': n }) as HTMLInputElement;
      const ok = el('button', { type: 'button', class: 'primary confirm', 'data-n': n }, t('confirm'));
      const cancel = el('button', { type: 'button' }, t('cancel'));
      actions.append(input, ok, cancel);
      input.focus();
      onTrustedClick(cancel, () => render());
      onTrustedClick(ok, async () => {
        const reason = input.value.trim();
        if (!reason) return input.focus();
        (ok as HTMLButtonElement).disabled = true;
        if (!(await o.onIgnore(it, reason))) (ok as HTMLButtonElement).disabled = false;
      });
    });
    return li;
  }

  function render() {
    if (!panel) return;
    const t = o.t;
    const total = snapshot?.total ?? local.length;
    host.setAttribute('data-yizhao-findings', String(total));
    clear(panel);
    panel.classList.toggle('collapsed', collapsed);
    const toggle = el('button', { type: 'button', class: 'toggle', 'aria-expanded': String(!collapsed) }, collapsed ? t('open') : t('close'));
    onTrustedClick(toggle, () => {
      collapsed = !collapsed;
      render();
    });
    panel.appendChild(el('div', { class: 'head' }, `${t('appName')} · ${t('findings')}`, el('span', { class: `count${total ? '' : ' zero'}` }, String(total)), toggle));
    const body = el('div', { class: 'body' });
    panel.appendChild(body);
    const matter = snapshot?.matter;
    body.appendChild(el('div', { class: 'meta' }, matter ? `${t('matter')}：${matter.id} ${matter.name}（${matter.department}）` : t('noMatter')));
    if (hidden) body.appendChild(el('div', { class: 'hint' }, t('hiddenHint')));
    if (total === 0) body.appendChild(el('div', { class: 'meta' }, t('noFindings')));
    const list = el('ol');
    for (const it of snapshot?.items ?? []) list.appendChild(item(it));
    body.appendChild(list);
  }

  const api: Overlay = {
    host,
    setLocal(findings) {
      local = findings;
      if (!o.top) host.setAttribute('data-yizhao-frame-findings', String(findings.length));
      mount();
      drawBoxes();
      if (!snapshot) render();
    },
    setTab(snap, frameId) {
      snapshot = snap;
      numbers = new Map(snap.items.filter((i) => i.frameId === frameId).map((i) => [i.key, i.number]));
      mount();
      drawBoxes();
      render();
    },
    setHidden(h) {
      hidden = h;
      layer.classList.toggle('hidden', h);
      host.toggleAttribute('data-yizhao-hidden', h);
      render();
    },
    flash(key) {
      const box = boxes.get(key);
      if (!box) return;
      box.classList.remove('flash');
      void box.offsetWidth; // restart the animation
      box.classList.add('flash');
    },
    reposition,
  };
  return api;
}
