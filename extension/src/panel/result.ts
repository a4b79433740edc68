/**
 * A verification result for the clerk: green (valid), red (invalid, with the reason in plain
 * words) or amber (cannot determine: trust list expired, clock wrong, status unknown in strict
 * mode), the licence fields, the page's matter and whether the presentation's scope covers it.
 */
import { label, type VerificationResult } from '@yizhao/sdk';
import { h } from '../shared/dom.js';
import type { T } from '../shared/i18n.js';
import type { MatterDto } from '../shared/messages.js';
import type { Language } from '../shared/settings.js';

export type ResultState = 'valid' | 'invalid' | 'indeterminate';

export function stateOf(r: VerificationResult): ResultState {
  // A wrong clock makes even a passing check doubtful: say so rather than show green.
  if (r.outcome === 'indeterminate' || r.warnings.some((w) => w.code === 'CLOCK_SUSPECT')) return 'indeterminate';
  return r.ok ? 'valid' : 'invalid';
}

export type ScopeVerdict = 'covers' | 'not-covers' | 'unlimited' | 'unknown-matter' | null;

export function scopeVerdict(r: VerificationResult, matter: MatterDto | null): ScopeVerdict {
  if (!r.presentation) return null;
  if (!matter) return 'unknown-matter';
  if (!r.presentation.scope) return 'unlimited';
  return r.presentation.scope.includes(matter.id) ? 'covers' : 'not-covers';
}

const FIELDS = ['name', 'legalRepresentative', 'type', 'established', 'registrationAuthority', 'status', 'capital', 'address', 'scope'] as const;

export function renderResult(r: VerificationResult, matter: MatterDto | null, lang: Language, t: T): HTMLElement {
  const state = stateOf(r);
  const title = state === 'valid' ? t('valid') : state === 'invalid' ? t('invalid') : t('indeterminate');
  const rows: HTMLElement[] = [];
  const row = (k: string, v: string | undefined | null) => v && rows.push(h('tr', {}, h('th', {}, k), h('td', {}, v)));
  row(label('uscc', lang), r.uscc);
  if (r.licence) {
    for (const f of FIELDS) {
      const v = r.licence[f];
      row(label(f, lang), f === 'status' && v ? label(`status.${v}`, lang) : v);
    }
  }
  if (r.presentation) {
    row(label('issuer', lang), r.presentation.issuerName);
    row(label('expires', lang), new Date(r.presentation.exp * 1000).toLocaleString(lang, { hour12: false }));
    if (r.presentation.scope) row(label('matterScope', lang), r.presentation.scope.join(', '));
  }
  const verdict = scopeVerdict(r, matter);
  const scopeText =
    verdict === 'covers' ? t('scopeCovers') : verdict === 'not-covers' ? t('scopeNotCovers') : verdict === 'unlimited' ? t('scopeUnlimited') : verdict === 'unknown-matter' ? t('scopeUnknown') : null;
  return h('section', { id: 'result', class: `card result ${state}`, 'data-state': state, 'data-code': r.code ?? '', role: 'status' },
    h('div', { class: 'verdict' }, h('span', { class: 'dot' }), title),
    h('div', { class: 'message' }, r.message[lang]),
    r.code ? h('div', { class: 'code' }, r.code) : null,
    ...r.warnings.map((w) => h('div', { class: 'warning' }, `${label('warning', lang)}：${w.message[lang]}`)),
    matter ? h('div', { class: 'matter' }, `${t('matter')}：${matter.id} ${matter.name}`) : h('div', { class: 'matter' }, t('noMatter')),
    scopeText ? h('div', { class: `scope ${verdict}` }, scopeText) : null,
    r.kind === 'unknown' && r.preview ? h('div', { class: 'preview' }, r.preview) : null,
    rows.length ? h('table', { class: 'fields' }, ...rows) : null,
  );
}
