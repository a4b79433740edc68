/** The trust list in use and its age (the clerk must see when it is stale or only the demo list). */
import { h } from '../shared/dom.js';
import { ago, formatTime, type T } from '../shared/i18n.js';
import type { Language } from '../shared/settings.js';
import type { TrustInfo } from '../trust/trust.js';

export function renderTrust(info: TrustInfo, lang: Language, t: T): HTMLElement {
  const lines: (string | HTMLElement)[] = [];
  let state = 'ok';
  if (!info.source || !info.load) {
    state = 'bad';
    lines.push(t('trustNone'));
  } else {
    if (info.source === 'demo') {
      state = 'demo';
      lines.push(t('trustDemo'));
    }
    if (info.load.ok) {
      const l = info.load.trustList;
      lines.push(t('trustAge', { seq: l.seq, iat: formatTime(l.iat * 1000, lang), age: ago(Date.now() - l.iat * 1000, lang), exp: formatTime(l.exp * 1000, lang) }));
      for (const w of info.load.warnings) lines.push(h('span', { class: 'warning' }, w.message[lang]));
    } else {
      state = 'bad';
      lines.push(h('span', { class: 'warning' }, `${info.load.message[lang]} (${info.load.code})`));
    }
    if (info.fetchedAt) lines.push(t('trustFetched', { at: formatTime(info.fetchedAt, lang) }));
  }
  return h('section', { id: 'trust', class: `card trust ${state}` }, h('h2', {}, t('trust')), ...lines.map((l) => h('div', { class: 'small' }, l)));
}
