/**
 * Content script, in every frame of the enabled sites: scans the frame with the SDK's detector,
 * draws the overlay, and reports the findings to the background, which adds up the tab (the top
 * frame's overlay shows the whole tab's list and count).
 */
import type { Finding } from '@yizhao/sdk';
import { ext, type Runtime } from '../shared/browser.js';
import { translator } from '../shared/i18n.js';
import { isIgnored, readIgnores, type Ignores } from '../shared/ignores.js';
import { backgroundMessage, MAX_REPORTED, type ContentMessage, type FindingDto, type TabItem } from '../shared/messages.js';
import { highlightsHidden, loadSettings } from '../shared/settings.js';
import { createOverlay, type LocalFinding } from './overlay.js';
import { watchPage, type Watcher } from './watch.js';

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

async function main(): Promise<void> {
  const top = window === window.top;
  const site = location.hostname;
  const timeOrigin = performance.timeOrigin;
  const send = (msg: ContentMessage) => ext.runtime.sendMessage(msg) as Promise<unknown>;

  const [{ settings }, hidden] = await Promise.all([loadSettings(), highlightsHidden()]);
  let ignores: Ignores = await readIgnores();
  let frameId: number | null = null;
  const keys = new WeakMap<Element, number>();
  let nextKey = 1;
  const keyOf = (f: Finding) => {
    let n = keys.get(f.element);
    if (n === undefined) keys.set(f.element, (n = nextKey++));
    return `${n}:${f.rule}`;
  };
  let shown: { key: string; finding: Finding }[] = [];

  const overlay = createOverlay(document, {
    top,
    t: translator(settings.language),
    lang: settings.language,
    onReveal: (it: TabItem) => {
      if (it.frameId === frameId) reveal(it.key);
      else void send({ type: 'reveal', frameId: it.frameId, key: it.key });
    },
    onIgnore: async (it: TabItem, reason: string) => {
      const r = (await send({ type: 'ignore', frameId: it.frameId, key: it.key, reason }).catch(() => null)) as { ok?: boolean } | null;
      return r?.ok === true;
    },
  });
  overlay.setHidden(hidden);

  function reveal(key: string) {
    const hit = shown.find((s) => s.key === key);
    if (!hit) return;
    hit.finding.element.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    overlay.reposition();
    overlay.flash(key);
  }

  let reportTimer: ReturnType<typeof setTimeout> | null = null;
  function publish(w: Watcher) {
    shown = w.findings.filter((f) => !isIgnored(ignores, site, f.rule)).map((finding) => ({ key: keyOf(finding), finding }));
    overlay.setLocal(shown.map<LocalFinding>(({ key, finding }) => ({ key, element: finding.element, severity: finding.severity })));
    const s = w.stats;
    overlay.host.setAttribute('data-yizhao-stats', `scans=${s.scans} last=${s.lastMs.toFixed(1)} max=${s.maxMs.toFixed(1)} total=${s.totalMs.toFixed(1)} slices=${s.slices} elements=${s.elements}`);
    if (reportTimer === null) reportTimer = setTimeout(() => ((reportTimer = null), report(w)), 0);
  }

  function report(w: Watcher) {
    const findings: FindingDto[] = shown.slice(0, MAX_REPORTED).map(({ key, finding: f }) => ({
      key,
      rule: cut(f.rule, 64),
      severity: f.severity,
      match: cut(f.match, 200),
      text: cut(f.text, 300),
      selector: cut(f.selector, 1000),
      unit: f.unit,
      message: { 'zh-CN': cut(f.message['zh-CN'], 1000), en: cut(f.message.en, 1000) },
      policy: { document: cut(f.policy.document, 200), task: cut(f.policy.task, 20), text: cut(f.policy.text, 1000) },
    }));
    const m = w.matter;
    void send({
      type: 'report',
      timeOrigin,
      url: cut(location.href, 2048),
      title: cut(document.title, 300),
      matter: m ? { id: m.id, name: cut(m.name, 200), department: cut(m.department, 100), score: m.score } : null,
      findings,
      count: shown.length,
    }).catch(() => undefined);
  }

  ext.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== ext.runtime.id) return undefined;
    const parsed = backgroundMessage.safeParse(raw);
    if (!parsed.success) return undefined;
    const msg = parsed.data;
    if (msg.type === 'tab') overlay.setTab(msg.snapshot, frameId);
    else reveal(msg.key);
    return undefined;
  });

  const hello = (await send({ type: 'hello', timeOrigin }).catch(() => null)) as { frameId?: number } | null;
  frameId = typeof hello?.frameId === 'number' ? hello.frameId : top ? 0 : null;
  const watcher = watchPage(document, overlay.host, publish);

  ext.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local') return;
    if ('ignores' in changes) {
      ignores = await readIgnores();
      publish(watcher);
    }
    if ('highlightsHidden' in changes) overlay.setHidden(changes.highlightsHidden?.newValue === true);
  });
  addEventListener('pagehide', () => void send({ type: 'gone', timeOrigin }).catch(() => undefined));
  addEventListener('pageshow', (e) => {
    if (e.persisted) void send({ type: 'hello', timeOrigin }).then(() => report(watcher), () => undefined);
  });
}

// Injected twice (manifest + registered script on one page)? Run once.
const flag = '__yizhaoContent';
if (!(globalThis as Record<string, unknown>)[flag]) {
  (globalThis as Record<string, unknown>)[flag] = true;
  void main();
}
