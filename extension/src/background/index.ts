/**
 * Background (MV3 service worker on Chromium, event page on Firefox): puts the frames' findings of
 * each tab together, records "not a paper demand" decisions, registers the content script on the
 * enabled sites, refreshes the trust list and uploads records on alarms, and toggles highlights.
 * It keeps nothing only in memory that it cannot rebuild (storage.session, IndexedDB).
 */
import { ext, extensionOrigin, sidePanel, sidebarAction, type Runtime } from '../shared/browser.js';
import { contentMessage, isContentSender, isPageSender, pageMessage, type ContentMessage, type PageMessage } from '../shared/messages.js';
import { readIgnores, withIgnore, writeIgnores } from '../shared/ignores.js';
import { loadSettings } from '../shared/settings.js';
import { appendRecord, deviceId } from '../records/log.js';
import { uploadPending } from '../records/upload.js';
import { refreshTrustList } from '../trust/trust.js';
import { broadcast, forgetTab, readTab, siteOf, snapshot, startPage, updateTab } from './tabs.js';
import { syncContentScripts } from './sites.js';

async function setUp(): Promise<void> {
  await deviceId();
  await syncContentScripts().catch((e: unknown) => console.warn('yizhao: content-script registration failed', e));
  const { settings } = await loadSettings();
  await ext.alarms.create('trust', { periodInMinutes: settings.trustRefreshHours * 60, delayInMinutes: 1 });
  await ext.alarms.create('upload', { periodInMinutes: 1 });
}

// The toolbar button opens the side panel (Chromium 114+) or the sidebar (Firefox); where neither
// exists (some Chromium-based browsers), it opens the panel as a popup.
const panel = sidePanel();
if (panel) void panel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
else if (!sidebarAction()) void ext.action.setPopup({ popup: 'panel/panel.html' });
ext.action.onClicked.addListener(() => void sidebarAction()?.toggle?.());

ext.runtime.onInstalled.addListener(() => void setUp());
ext.runtime.onStartup.addListener(() => void setUp());
ext.permissions.onAdded.addListener(() => void syncContentScripts());
ext.permissions.onRemoved.addListener(() => void syncContentScripts());
ext.storage.onChanged.addListener((changes, area) => {
  if ((area === 'local' && 'settings' in changes) || area === 'managed') void syncContentScripts();
});
ext.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

ext.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-highlights') return;
  const { highlightsHidden } = await ext.storage.local.get('highlightsHidden');
  await ext.storage.local.set({ highlightsHidden: highlightsHidden !== true });
});

ext.alarms.onAlarm.addListener(async (alarm) => {
  const { settings } = await loadSettings();
  if (alarm.name === 'trust') await refreshTrustList(settings);
  if (alarm.name === 'upload') await uploadPending({ url: settings.auditServerUrl, token: settings.auditToken });
});

async function onContent(msg: ContentMessage, tabId: number, frameId: number): Promise<unknown> {
  switch (msg.type) {
    case 'hello': {
      if (frameId === 0) await updateTab(tabId, (s) => startPage(s, msg.timeOrigin));
      return { frameId };
    }
    case 'report': {
      await updateTab(tabId, (s) => {
        const top = s['0'];
        if (frameId !== 0 && top && msg.timeOrigin < top.timeOrigin) return s; // a frame of the previous page
        const { type: _t, ...rest } = msg;
        return { ...s, [frameId]: { ...rest, site: siteOf(msg.url) } };
      });
      broadcast(tabId);
      return { ok: true };
    }
    case 'gone': {
      await updateTab(tabId, (s) => {
        if (s[frameId]?.timeOrigin !== msg.timeOrigin) return s;
        const { [frameId]: _gone, ...rest } = s;
        return rest;
      });
      broadcast(tabId);
      return { ok: true };
    }
    case 'ignore':
      return ignoreFinding(tabId, msg.frameId, msg.key, msg.reason);
    case 'reveal':
      await ext.tabs.sendMessage(tabId, { type: 'reveal', key: msg.key }, { frameId: msg.frameId }).catch(() => undefined);
      return { ok: true };
  }
}

/** "Not a paper demand": remembered per site and rule, and itself a record in the audit log. */
async function ignoreFinding(tabId: number, frameId: number, key: string, reason: string): Promise<unknown> {
  const state = await readTab(tabId);
  const frame = state[frameId];
  const finding = frame?.findings.find((f) => f.key === key);
  if (!frame || !finding) return { ok: false, error: 'unknown finding' };
  const snap = snapshot(state);
  await writeIgnores(withIgnore(await readIgnores(), frame.site, finding.rule, reason, Date.now()));
  const record = await appendRecord({
    type: 'finding-ignored',
    matter: snap.matter ? { id: snap.matter.id, name: snap.matter.name } : null,
    department: snap.matter?.department ?? null,
    page: { url: frame.url, title: frame.title },
    findings: [{ rule: finding.rule, severity: finding.severity, match: finding.match, selector: finding.selector }],
    reason,
    applicant: null,
    ignored: { rule: finding.rule, site: frame.site },
  });
  void uploadNow();
  return { ok: true, seq: record.seq };
}

async function uploadNow(force = false): Promise<void> {
  const { settings } = await loadSettings();
  await uploadPending({ url: settings.auditServerUrl, token: settings.auditToken }, force).catch(() => undefined);
}

async function onPage(msg: PageMessage): Promise<unknown> {
  switch (msg.type) {
    case 'tab-state':
      return snapshot(await readTab(msg.tabId));
    case 'records-changed':
      await uploadNow(true);
      return { ok: true };
    case 'trust-refresh': {
      const { settings } = await loadSettings();
      const r = await refreshTrustList(settings);
      return { ok: r.ok, error: r.error ?? (r.load && !r.load.ok ? r.load.code : null) };
    }
    case 'sites-changed':
      return { ok: true, matches: await syncContentScripts() };
    case 'reveal':
      await ext.tabs.sendMessage(msg.tabId, { type: 'reveal', key: msg.key }, { frameId: msg.frameId }).catch(() => undefined);
      return { ok: true };
  }
}

ext.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const id = ext.runtime.id;
  const origin = extensionOrigin();
  if (isPageSender(sender, id, origin)) {
    const parsed = pageMessage.safeParse(raw);
    return parsed.success ? onPage(parsed.data) : Promise.resolve({ ok: false, error: 'bad message' });
  }
  if (isContentSender(sender, id, origin)) {
    const parsed = contentMessage.safeParse(raw);
    if (!parsed.success) return Promise.resolve({ ok: false, error: 'bad message' });
    return onContent(parsed.data, sender.tab!.id!, sender.frameId!);
  }
  return undefined; // not ours to answer
});
