/**
 * The scan-and-verify view, shared by the side panel / sidebar / popup and the camera page in a
 * tab: which page it is about (its matter and findings), scanning, the result, the trust list and
 * the record form.
 */
import type { VerificationResult } from '@yizhao/sdk';
import { ext } from '../shared/browser.js';
import { byId, clear, h } from '../shared/dom.js';
import { translator, type T } from '../shared/i18n.js';
import { tabSnapshotSchema, type TabSnapshot } from '../shared/messages.js';
import { loadSettings, type Language, type Settings } from '../shared/settings.js';
import { buildVerifier, type VerifierBundle } from '../trust/trust.js';
import { createRecordForm } from './record.js';
import { renderResult } from './result.js';
import { createScanUi, type ScanUi } from './scan.js';
import { renderTrust } from './trust-view.js';

export interface AppOptions {
  /** In a tab (the camera page): start the camera at once; the panel asks for a grant tab instead. */
  inTab: boolean;
}

/** The tab this view is about: `?tab=` when given, else the active tab, else the last other tab used. */
async function targetTab(): Promise<number | null> {
  const param = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(param) && param > 0) return param;
  const own = await ext.tabs.getCurrent().catch(() => undefined);
  const [active] = await ext.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.id !== undefined && active.id !== own?.id) return active.id;
  const others = (await ext.tabs.query({})).filter((tab) => tab.id !== own?.id && tab.id !== undefined);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id ?? null;
}

async function snapshotOf(tabId: number | null): Promise<TabSnapshot | null> {
  if (tabId === null) return null;
  const parsed = tabSnapshotSchema.safeParse(await ext.runtime.sendMessage({ type: 'tab-state', tabId }).catch(() => null));
  return parsed.success ? parsed.data : null;
}

function pageCard(s: TabSnapshot | null, t: T): HTMLElement {
  return h('section', { id: 'page', class: 'card', 'data-findings': s ? String(s.total) : '' },
    h('h2', {}, t('tabFindings')),
    h('div', { class: 'small' }, s?.page ? s.page.title || s.page.url : '—'),
    h('div', {}, s?.matter ? `${t('matter')}：${s.matter.id} ${s.matter.name}（${s.matter.department}）` : t('noMatter')),
    h('div', { class: s && s.total > 0 ? 'count bad' : 'count' }, s ? (s.total ? t('findingsCount', { n: s.total }) : t('noFindings')) : '—'),
  );
}

export async function startApp(o: AppOptions): Promise<void> {
  const { settings } = await loadSettings();
  const lang: Language = settings.language;
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = `${t('appName')} · ${t('scan')}`;
  const root = byId('app');
  let tabId = await targetTab();
  let snapshot = await snapshotOf(tabId);
  let bundle: Promise<VerifierBundle> = buildVerifier(settings);

  const pageSlot = h('div', { id: 'page-slot' }, pageCard(snapshot, t));
  const resultSlot = h('div', { id: 'result-slot' });
  const trustSlot = h('div', { id: 'trust-slot' });
  const form = createRecordForm(settings, lang, t);
  form.setSnapshot(snapshot);
  const options = h('a', { href: ext.runtime.getURL('options/options.html'), target: '_blank', class: 'small' }, t('options'));
  const scanUi: ScanUi = createScanUi({
    t,
    onText: (text) => void verify(text),
    ...(o.inTab ? {} : { onNeedGrant: () => void ext.tabs.create({ url: ext.runtime.getURL(`camera/camera.html${tabId ? `?tab=${tabId}` : ''}`) }) }),
  });
  clear(root);
  root.append(h('header', {}, h('h1', {}, t('appName')), options), pageSlot, scanUi.root, resultSlot, form.root, trustSlot);

  async function verify(text: string) {
    const b = await bundle;
    clear(resultSlot);
    if (!b.verifier) {
      resultSlot.appendChild(h('section', { id: 'result', class: 'card result indeterminate', 'data-state': 'indeterminate' }, t('trustNone')));
      return;
    }
    const result: VerificationResult = await b.verifier.verify(text, {
      ...(snapshot?.matter ? { matter: snapshot.matter.id } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    });
    resultSlot.appendChild(renderResult(result, snapshot?.matter ?? null, lang, t));
    form.setUscc(result.uscc);
  }

  async function showTrust() {
    const b = await bundle;
    clear(trustSlot);
    trustSlot.appendChild(renderTrust(b.info, lang, t));
  }
  await showTrust();

  async function refresh() {
    const next = await snapshotOf(tabId);
    if (JSON.stringify(next) === JSON.stringify(snapshot)) return;
    snapshot = next;
    clear(pageSlot);
    pageSlot.appendChild(pageCard(snapshot, t));
    form.setSnapshot(snapshot);
  }
  if (!o.inTab) {
    ext.tabs.onActivated.addListener(async () => {
      tabId = await targetTab();
      await refresh();
    });
  }
  setInterval(() => void refresh(), 1500);
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ('trust' in changes || 'settings' in changes)) {
      bundle = loadSettings().then(({ settings: s }) => buildVerifier(s));
      void showTrust();
    }
  });
  if (o.inTab) await scanUi.startCamera();
}
