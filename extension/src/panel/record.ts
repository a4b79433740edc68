/**
 * The clerk's record: "paper licence demanded", "e-licence refused" or "e-seal refused", with the
 * matter, the page, its findings, an optional reason and the applicant's USCC (or its keyed hash).
 */
import { getMatter, MATTERS, normaliseUscc, validateUscc, type RecordType } from '@yizhao/sdk';
import { ext } from '../shared/browser.js';
import { h, onTrustedClick } from '../shared/dom.js';
import type { T } from '../shared/i18n.js';
import type { TabSnapshot } from '../shared/messages.js';
import type { Language, Settings } from '../shared/settings.js';
import { appendRecord } from '../records/log.js';
import { applicantFor } from '../records/privacy.js';

const TYPES: RecordType[] = ['paper-licence-demanded', 'e-licence-refused', 'e-seal-refused'];

export interface RecordForm {
  readonly root: HTMLElement;
  setSnapshot(s: TabSnapshot | null): void;
  setUscc(uscc: string | null): void;
}

export function createRecordForm(settings: Settings, lang: Language, t: T): RecordForm {
  let snapshot: TabSnapshot | null = null;
  const type = h('select', { id: 'record-type', 'aria-label': t('recordType') }, ...TYPES.map((v) => h('option', { value: v }, t(`type_${v}`))));
  const list = h('datalist', { id: 'matters' }, ...MATTERS.map((m) => h('option', { value: m.id }, `${m.name}（${m.departmentShort}）`)));
  const matter = h('input', { id: 'record-matter', list: 'matters', placeholder: 'DZ164-…', 'aria-label': t('matter') });
  const matterName = h('div', { class: 'small', id: 'record-matter-name' });
  const page = h('div', { class: 'small', id: 'record-page' });
  const reason = h('textarea', { id: 'record-reason', rows: 2, maxlength: 500, placeholder: t('reason'), 'aria-label': t('reason') });
  const uscc = h('input', { id: 'record-uscc', maxlength: 24, placeholder: t('uscc'), 'aria-label': t('uscc'), autocomplete: 'off' });
  const save = h('button', { type: 'button', id: 'record-save', class: 'primary' }, t('save'));
  const status = h('div', { id: 'record-status', class: 'status', role: 'status' });
  const showMatter = () => {
    const m = getMatter(matter.value.trim());
    matterName.textContent = m ? `${m.name}（${m.department}）` : '';
  };
  matter.addEventListener('input', showMatter);
  const root = h('section', { id: 'record', class: 'card' },
    h('h2', {}, t('record')),
    h('label', {}, t('recordType'), type),
    h('label', {}, t('matter'), matter), list, matterName,
    page,
    reason,
    uscc,
    settings.privacyMode ? h('div', { class: 'small' }, t('privacyOn')) : null,
    h('div', { class: 'row' }, save),
    status,
  );

  onTrustedClick(save, async () => {
    status.className = 'status';
    const code = normaliseUscc(uscc.value);
    if (code && !validateUscc(code).ok) {
      status.textContent = `${t('usccInvalid')}：${validateUscc(code).message[lang]}`;
      status.classList.add('error');
      return;
    }
    const m = getMatter(matter.value.trim());
    (save as HTMLButtonElement).disabled = true;
    try {
      const record = await appendRecord({
        type: type.value as RecordType,
        matter: m ? { id: m.id, name: m.name } : null,
        department: m?.department ?? null,
        page: snapshot?.page ? { url: snapshot.page.url.slice(0, 2048), title: snapshot.page.title.slice(0, 300) } : null,
        findings: (snapshot?.items ?? []).slice(0, 50).map((f) => ({ rule: f.rule, severity: f.severity, match: f.match, selector: f.selector })),
        reason: reason.value.trim() ? reason.value.trim().slice(0, 500) : null,
        applicant: await applicantFor(code || null, settings),
        ignored: null,
      });
      status.textContent = t('saved', { seq: record.seq });
      status.classList.add('ok');
      reason.value = '';
      void ext.runtime.sendMessage({ type: 'records-changed' }).catch(() => undefined);
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : String(e);
      status.classList.add('error');
    } finally {
      (save as HTMLButtonElement).disabled = false;
    }
  });

  return {
    root,
    setSnapshot(s) {
      snapshot = s;
      if (s?.matter && !matter.value) {
        matter.value = s.matter.id;
        showMatter();
      }
      page.textContent = s?.page ? `${t('page')}：${s.page.title || s.page.url} · ${t('findingsCount', { n: s.total })}` : '';
    },
    setUscc(v) {
      if (v) uscc.value = v;
    },
  };
}
