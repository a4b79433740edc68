/** Records on the options page: the latest ones, CSV / JSON Lines export, the chain check, upload status. */
import { ext } from '../shared/browser.js';
import { byId, clear, h, onTrustedClick } from '../shared/dom.js';
import { formatTime, type T } from '../shared/i18n.js';
import type { Language, Settings } from '../shared/settings.js';
import { checkChain, countRecords, deviceId, listRecords, recordsToCsv, toJsonLines } from '../records/log.js';
import { uploadState } from '../records/upload.js';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function renderRecords(settings: Settings, lang: Language, t: T): Promise<HTMLElement> {
  const device = await deviceId();
  const count = await countRecords();
  const latest = (await listRecords(Math.max(0, count - 20))).reverse();
  const chain = h('div', { id: 'chain-status', role: 'status' });
  const upload = await uploadState();
  const csv = h('button', { type: 'button', id: 'export-csv' }, t('exportCsv'));
  const jsonl = h('button', { type: 'button', id: 'export-jsonl' }, t('exportJsonl'));
  const check = h('button', { type: 'button', id: 'check-chain' }, t('checkChain'));
  const retry = h('button', { type: 'button', id: 'upload-retry' }, t('uploadRetry'));
  const stamp = new Date().toISOString().slice(0, 10);
  onTrustedClick(csv, async () => download(`yizhao-records-${stamp}.csv`, 'text/csv', '\ufeff' + recordsToCsv(await listRecords())));
  onTrustedClick(jsonl, async () => download(`yizhao-records-${stamp}.jsonl`, 'application/jsonl', toJsonLines(await listRecords())));
  onTrustedClick(check, async () => {
    const r = await checkChain();
    clear(chain);
    const ok = r.issues.length === 0 && !r.headMismatch;
    chain.className = ok ? 'status ok' : 'status error';
    chain.setAttribute('data-ok', String(ok));
    chain.setAttribute('data-records', String(r.records));
    if (ok) chain.textContent = t('chainOk', { n: r.records });
    else {
      chain.append(t('chainBad'), h('ul', {}, ...r.issues.map((i) => h('li', {}, `#${i.seq} ${i.kind}: ${i.detail}`)), r.headMismatch ? h('li', {}, 'head') : null));
    }
  });
  onTrustedClick(retry, async () => {
    await ext.runtime.sendMessage({ type: 'records-changed' }).catch(() => undefined);
    location.reload();
  });
  const uploadText = !settings.auditServerUrl
    ? t('uploadNone')
    : `${t('uploadOk', { seq: upload.uploadedSeq })}${upload.lastError ? ` · HTTP ${upload.lastError.status || '—'} ${upload.lastError.message}` : ''}${upload.blocked ? ' · blocked' : ''}`;
  return h('section', { id: 'records', class: 'card' },
    h('h2', {}, t('records')),
    h('div', { class: 'small' }, `${t('deviceId')}：`, h('code', { id: 'device-id' }, device)),
    h('div', { id: 'records-count', 'data-count': String(count) }, t('recordsCount', { n: count })),
    h('div', { class: 'row' }, csv, jsonl, check),
    chain,
    h('div', { class: 'small', id: 'upload-status' }, `${t('uploadStatus')}：${uploadText}`),
    settings.auditServerUrl ? h('div', { class: 'row' }, retry) : null,
    h('table', { class: 'records' },
      h('thead', {}, h('tr', {}, ...['#', t('time'), t('recordType'), t('matter'), t('reason').replace(/（可选）| \(optional\)/, '')].map((c) => h('th', {}, c)))),
      h('tbody', {}, ...latest.map((r) => h('tr', { 'data-seq': String(r.seq) },
        h('td', {}, String(r.seq)), h('td', {}, formatTime(r.at, lang)), h('td', {}, t(`type_${r.type}`)),
        h('td', {}, r.matter ? `${r.matter.id} ${r.matter.name}` : '—'), h('td', {}, r.reason ?? (r.ignored ? `${r.ignored.site} ${r.ignored.rule}` : '')),
      ))),
    ),
  );
}

export function mountRecords(slot: string, el: HTMLElement): void {
  const s = byId(slot);
  clear(s);
  s.appendChild(el);
}
