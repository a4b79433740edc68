/** Node-side checks of the extension's pure parts: manifest, message schemas, strings, helpers, and the no-HTML rule. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// The polyfill refuses to load outside an extension; these tests never call the WebExtension API.
vi.mock('webextension-polyfill', () => ({ default: {} }));
import { CSP, GECKO_ID, manifest } from '../src/manifest.js';
import { contentMessage, isContentSender, isPageSender, pageMessage, tabSnapshotSchema } from '../src/shared/messages.js';
import { STRINGS, translator } from '../src/shared/i18n.js';
import { fromManaged, DEFAULT_SETTINGS } from '../src/shared/settings.js';
import { isIgnored, withIgnore, withoutIgnore } from '../src/shared/ignores.js';
import { endpoint, nextAttemptAt } from '../src/records/upload.js';
import { snapshot, startPage, type TabState } from '../src/background/tabs.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

const finding = (key: string, rule = 'licence-copy') => ({
  key, rule, severity: 'warning' as const, match: '营业执照复印件', text: 't', selector: '#a', unit: 'text' as const,
  message: { 'zh-CN': 'm', en: 'm' }, policy: { document: 'd', task: 'T8', text: 'p' },
});

describe('manifest', () => {
  it('Chromium: service worker, side panel, managed schema, loopback content script in all frames, strict CSP', () => {
    const m = manifest('chromium', '1.2.3') as Record<string, any>;
    expect(m.manifest_version).toBe(3);
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.side_panel.default_path).toBe('panel/panel.html');
    expect(m.storage.managed_schema).toBe('managed_schema.json');
    expect(m.permissions).toContain('sidePanel');
    expect(m.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(m.content_scripts[0]).toMatchObject({ all_frames: true, js: ['content.js'] });
    expect(m.content_security_policy.extension_pages).toBe(CSP);
    expect(CSP.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
    expect(m.commands['toggle-highlights'].suggested_key.default).toBe('Alt+Shift+Y');
  });
  it('Firefox: background scripts, sidebar, gecko id, no Chromium-only keys', () => {
    const m = manifest('firefox', '1.2.3') as Record<string, any>;
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.sidebar_action.default_panel).toBe('panel/panel.html');
    expect(m.browser_specific_settings.gecko).toMatchObject({ id: GECKO_ID, strict_min_version: '128.0' });
    expect(m.side_panel).toBeUndefined();
    expect(m.permissions).not.toContain('sidePanel');
  });
  it('every __MSG_ key of the manifest is in both locales', () => {
    const keys = [...JSON.stringify(manifest('chromium', '1')).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    for (const loc of ['zh_CN', 'en']) {
      const msgs = JSON.parse(readFileSync(fileURLToPath(new URL(`../public/_locales/${loc}/messages.json`, import.meta.url)), 'utf8')) as Record<string, unknown>;
      for (const k of keys) expect(msgs, `${loc}: ${k}`).toHaveProperty(k);
    }
  });
  it('the managed schema names every setting', () => {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../public/managed_schema.json', import.meta.url)), 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});

describe('messages', () => {
  const id = 'abc';
  const origin = 'chrome-extension://abc/';
  it('accepts well-formed messages and refuses extra members, wrong types and oversize text', () => {
    expect(contentMessage.safeParse({ type: 'hello', timeOrigin: 1 }).success).toBe(true);
    expect(contentMessage.safeParse({ type: 'hello', timeOrigin: 1, extra: 1 }).success).toBe(false);
    expect(contentMessage.safeParse({ type: 'report', timeOrigin: 1, url: 'u', title: 't', matter: null, findings: [finding('1:x')], count: 1 }).success).toBe(true);
    expect(contentMessage.safeParse({ type: 'report', timeOrigin: 1, url: 'u', title: 'x'.repeat(301), matter: null, findings: [], count: 0 }).success).toBe(false);
    expect(contentMessage.safeParse({ type: 'ignore', frameId: 0, key: 'k', reason: '' }).success).toBe(false);
    expect(pageMessage.safeParse({ type: 'tab-state', tabId: 3 }).success).toBe(true);
    expect(pageMessage.safeParse({ type: 'records-changed', evil: true }).success).toBe(false);
    expect(pageMessage.safeParse({ type: 'delete-everything' }).success).toBe(false);
  });
  it('tells content scripts from extension pages, and refuses other extensions', () => {
    expect(isContentSender({ id, tab: { id: 1 }, frameId: 0, url: 'http://127.0.0.1/' }, id, origin)).toBe(true);
    expect(isContentSender({ id, tab: { id: 1 }, frameId: 0, url: origin + 'camera/camera.html' }, id, origin)).toBe(false);
    expect(isContentSender({ id: 'other', tab: { id: 1 }, frameId: 0, url: 'http://x/' }, id, origin)).toBe(false);
    expect(isPageSender({ id, url: origin + 'panel/panel.html' }, id, origin)).toBe(true);
    expect(isPageSender({ id, url: 'http://127.0.0.1/' }, id, origin)).toBe(false);
  });
});

describe('tab state', () => {
  const frame = (timeOrigin: number, keys: string[]) => ({ timeOrigin, url: 'http://h/p', title: 't', site: 'h', matter: null, findings: keys.map((k) => finding(k)), count: keys.length });
  it('numbers findings across frames, top first, and counts all of them', () => {
    const state: TabState = { 5: frame(20, ['1:a']), 0: frame(10, ['1:a', '2:b']) };
    const s = snapshot(state);
    expect(tabSnapshotSchema.safeParse(s).success).toBe(true);
    expect(s.total).toBe(3);
    expect(s.items.map((i) => [i.frameId, i.key, i.number])).toEqual([[0, '1:a', 1], [0, '2:b', 2], [5, '1:a', 3]]);
  });
  it('a new top document drops the frames of the previous page', () => {
    expect(Object.keys(startPage({ 0: frame(10, []), 3: frame(11, []), 4: frame(30, []) }, 25))).toEqual(['4']);
  });
});

describe('settings, ignores, upload', () => {
  it('managed values win only when well-typed', () => {
    expect(fromManaged({ privacyMode: true, language: 'en', trustRefreshHours: 'soon', bogus: 1 })).toEqual({ privacyMode: true, language: 'en' });
  });
  it('ignores are per site and rule', () => {
    const a = withIgnore({}, 'a.gov.cn', 'licence-copy', 'sample text', 1);
    expect(isIgnored(a, 'a.gov.cn', 'licence-copy')).toBe(true);
    expect(isIgnored(a, 'b.gov.cn', 'licence-copy')).toBe(false);
    expect(isIgnored(a, 'a.gov.cn', 'seal-stamp')).toBe(false);
    expect(withoutIgnore(a, 'a.gov.cn', 'licence-copy')).toEqual({});
  });
  it('upload endpoint and backoff', () => {
    expect(endpoint('https://audit.example/')).toBe('https://audit.example/api/v1/records');
    expect(endpoint('https://audit.example/base')).toBe('https://audit.example/base/api/v1/records');
    const s = { uploadedSeq: 0, lastOk: null, lastError: null, blocked: false };
    expect(nextAttemptAt({ ...s, lastAttempt: 1000, failures: 0 })).toBe(0);
    expect(nextAttemptAt({ ...s, lastAttempt: 1000, failures: 1 })).toBe(31_000);
    expect(nextAttemptAt({ ...s, lastAttempt: 1000, failures: 20 })).toBe(1000 + 30 * 60_000);
  });
});

describe('strings', () => {
  it('zh-CN and en have the same keys, and placeholders are filled', () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS['zh-CN']).sort());
    expect(translator('zh-CN')('findingsCount', { n: 3 })).toBe('本页发现 3 处');
    expect(translator('en')('findingsCount', { n: 3 })).toBe('3 found on this page');
  });
});

describe('no page text as HTML', () => {
  it('the extension source never assigns HTML (innerHTML, outerHTML, insertAdjacentHTML, document.write, srcdoc)', () => {
    const offenders = files(SRC)
      .filter((f) => /\.(ts|html)$/.test(f))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\.srcdoc\s*=|createContextualFragment|DOMParser/.test(line));
    expect(offenders).toEqual([]);
  });
});
