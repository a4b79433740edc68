/**
 * Options: enabled sites (optional host permissions requested here), the trust list, the audit
 * service, privacy mode, language, the "not a paper demand" list, and the records.
 */
import '../styles/pages.css';
import { ext } from '../shared/browser.js';
import { byId, clear, h, onTrustedClick } from '../shared/dom.js';
import { translator, type T } from '../shared/i18n.js';
import { readIgnores, withoutIgnore, writeIgnores } from '../shared/ignores.js';
import { loadSettings, LOOPBACK_PATTERNS, saveSettings, type EffectiveSettings, type SettingKey } from '../shared/settings.js';
import { sitePattern } from '../background/sites.js';
import { acceptTrustList, buildVerifier } from '../trust/trust.js';
import { renderTrust } from '../panel/trust-view.js';
import { mountRecords, renderRecords } from './records-view.js';

async function sitesCard(eff: EffectiveSettings, t: T): Promise<HTMLElement> {
  const { settings, locked } = eff;
  const list = h('ul', { class: 'plain', id: 'sites' });
  for (const p of LOOPBACK_PATTERNS) list.appendChild(h('li', {}, p, h('span', { class: 'locked' }, 'demo')));
  for (const site of settings.enabledSites) {
    const pattern = sitePattern(site);
    if (!pattern) continue;
    const granted = await ext.permissions.contains({ origins: [pattern] }).catch(() => false);
    const li = h('li', {}, pattern, granted ? '✓' : '✗');
    if (!granted) {
      const grant = h('button', { type: 'button' }, t('add'));
      onTrustedClick(grant, async () => {
        if (await ext.permissions.request({ origins: [pattern] })) await ext.runtime.sendMessage({ type: 'sites-changed' });
        location.reload();
      });
      li.appendChild(grant);
    }
    if (locked.has('enabledSites')) li.appendChild(h('span', { class: 'locked' }, t('managed')));
    else {
      const remove = h('button', { type: 'button' }, t('remove'));
      onTrustedClick(remove, async () => {
        await saveSettings({ enabledSites: settings.enabledSites.filter((s) => s !== site) });
        await ext.permissions.remove({ origins: [pattern] }).catch(() => false);
        await ext.runtime.sendMessage({ type: 'sites-changed' });
        location.reload();
      });
      li.appendChild(remove);
    }
    list.appendChild(li);
  }
  const input = h('input', { id: 'site-input', placeholder: 'https://zwfw.example.gov.cn/' });
  const add = h('button', { type: 'button', id: 'site-add' }, t('add'));
  onTrustedClick(add, async () => {
    const pattern = sitePattern(input.value);
    if (!pattern) return input.focus();
    // The request must happen in the click itself (a user gesture), before any other await.
    const granted = await ext.permissions.request({ origins: [pattern] });
    if (!granted) return;
    await saveSettings({ enabledSites: [...new Set([...settings.enabledSites, pattern])] });
    await ext.runtime.sendMessage({ type: 'sites-changed' });
    location.reload();
  });
  return h('section', { class: 'card' }, h('h2', {}, t('sites')), list,
    locked.has('enabledSites') ? null : h('div', {}, h('div', { class: 'small' }, t('sitesHint')), input, add));
}

function field(eff: EffectiveSettings, key: SettingKey, label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, t: T): HTMLElement {
  const v = eff.settings[key];
  if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = v === true;
  else control.value = v === null || v === undefined ? '' : String(v);
  control.id = `set-${key}`;
  control.disabled = eff.locked.has(key);
  return h('label', {}, label, eff.locked.has(key) ? h('span', { class: 'locked' }, ` (${t('managed')})`) : null, control);
}

async function main(): Promise<void> {
  const eff = await loadSettings();
  const { settings } = eff;
  const lang = settings.language;
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = `${t('appName')} · ${t('options')}`;
  const app = byId('app');
  const language = h('select', {}, h('option', { value: 'zh-CN' }, '简体中文'), h('option', { value: 'en' }, 'English'));
  const trustUrl = h('input', { placeholder: 'https://…/trust.jws' });
  const trustPin = h('textarea', { rows: 3, placeholder: '{"kty":"EC",…}' });
  const auditUrl = h('input', { placeholder: 'https://audit.example.gov.cn/' });
  const auditToken = h('input', { type: 'password', autocomplete: 'off' });
  const privacy = h('input', { type: 'checkbox' });
  const save = h('button', { type: 'button', id: 'save-settings', class: 'primary' }, t('saveSettings'));
  const status = h('div', { class: 'status', role: 'status', id: 'settings-status' });
  const refresh = h('button', { type: 'button', id: 'trust-refresh' }, t('refresh'));
  const file = h('input', { type: 'file', id: 'trust-file', accept: '.jws,.txt,application/jose' });
  const trustSlot = h('div', {});
  const bundle = await buildVerifier(settings);
  trustSlot.appendChild(renderTrust(bundle.info, lang, t));

  onTrustedClick(save, async () => {
    const url = auditUrl.value.trim() || null;
    // The extension posts records to the audit service: ask for its origin now, in the click.
    if (url && !eff.locked.has('auditServerUrl')) await ext.permissions.request({ origins: [new URL(url).origin + '/*'] }).catch(() => false);
    const patch: Record<string, unknown> = {
      language: language.value,
      trustListUrl: trustUrl.value.trim() || null,
      trustListPin: trustPin.value.trim() || null,
      auditServerUrl: url,
      auditToken: auditToken.value.trim() || null,
      privacyMode: privacy.checked,
    };
    for (const k of eff.locked) delete patch[k];
    try {
      await saveSettings(patch);
      status.textContent = t('settingsSaved');
      status.className = 'status ok';
      setTimeout(() => location.reload(), 400);
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : String(e);
      status.className = 'status error';
    }
  });
  onTrustedClick(refresh, async () => {
    const r = (await ext.runtime.sendMessage({ type: 'trust-refresh' })) as { ok?: boolean; error?: string | null };
    status.textContent = r?.ok ? t('settingsSaved') : String(r?.error ?? 'error');
    status.className = r?.ok ? 'status ok' : 'status error';
    if (r?.ok) location.reload();
  });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    const r = await acceptTrustList(await f.text(), 'file', (await loadSettings()).settings);
    status.textContent = r.ok ? t('settingsSaved') : String(r.error ?? (r.load && !r.load.ok ? `${r.load.message[lang]} (${r.load.code})` : 'error'));
    status.className = r.ok ? 'status ok' : 'status error';
    if (r.ok) setTimeout(() => location.reload(), 400);
  });

  const ignores = await readIgnores();
  const ignoreList = h('ul', { class: 'plain', id: 'ignores' });
  for (const [site, rules] of Object.entries(ignores)) {
    for (const [rule, v] of Object.entries(rules)) {
      const undo = h('button', { type: 'button' }, t('undo'));
      onTrustedClick(undo, async () => {
        await writeIgnores(withoutIgnore(await readIgnores(), site, rule));
        location.reload();
      });
      ignoreList.appendChild(h('li', {}, `${site} · ${rule} · ${v.reason}`, undo));
    }
  }

  clear(app);
  app.append(
    h('header', {}, h('h1', {}, `${t('appName')} · ${t('options')}`)),
    await sitesCard(eff, t),
    h('section', { class: 'card' },
      field(eff, 'language', t('language'), language, t),
      h('h2', {}, t('trust')),
      field(eff, 'trustListUrl', t('trustUrl'), trustUrl, t),
      field(eff, 'trustListPin', t('trustPin'), trustPin, t),
      h('div', { class: 'row' }, refresh, h('label', { class: 'button', for: 'trust-file' }, t('trustFile')), file),
      h('h2', {}, t('audit')),
      field(eff, 'auditServerUrl', t('auditUrl'), auditUrl, t),
      field(eff, 'auditToken', t('auditToken'), auditToken, t),
      h('label', {}, privacy, ' ', t('privacy'), eff.locked.has('privacyMode') ? h('span', { class: 'locked' }, ` (${t('managed')})`) : null),
      h('div', { class: 'row' }, save),
      status,
    ),
    trustSlot,
    h('section', { class: 'card' }, h('h2', {}, t('ignores')), ignoreList.childElementCount ? ignoreList : h('div', { class: 'small' }, t('none'))),
    h('div', { id: 'records-slot' }),
  );
  privacy.id = 'set-privacyMode';
  privacy.checked = settings.privacyMode;
  privacy.disabled = eff.locked.has('privacyMode');
  file.classList.add('visually-hidden');
  mountRecords('records-slot', await renderRecords(settings, lang, t));
}

void main();
