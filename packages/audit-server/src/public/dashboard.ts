/** The supervisors' dashboard: filters, charts, the record table, device chains and the log head. */
import { getJson, logout, session, type Stats, type StoredRecord, type TreeHead } from './api.js';
import { barChart } from './charts.js';
import { $, el, fmtTime, FLAG_LABELS, safeLink, TYPE_LABELS } from './dom.js';

const FILTERS = ['from', 'to', 'department', 'matter', 'rule', 'type', 'device'] as const;
const PAGE = 50;
let offset = 0;
let labels: Stats['labels'] = { departments: {}, matters: {} };

const deptLabel = (k: string) => (k === '' ? '（未识别部门）' : (labels.departments[k] ?? k));
const matterLabel = (k: string) => (k === '' ? '（未识别事项）' : `${k} ${labels.matters[k] ?? ''}`.trim());

function query(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const f of FILTERS) {
    const v = ($(`f-${f}`) as HTMLInputElement | HTMLSelectElement).value.trim();
    if (v) q.set(f, v);
  }
  if (($('f-flagged') as HTMLInputElement).checked) q.set('flagged', '1');
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

function setFilter(name: (typeof FILTERS)[number], value: string): void {
  const input = $(`f-${name}`) as HTMLInputElement | HTMLSelectElement;
  if (input instanceof HTMLSelectElement && ![...input.options].some((o) => o.value === value)) input.append(el('option', { value }, value));
  input.value = value === '' ? '(none)' : value;
  offset = 0;
  void refresh();
}

async function loadStats(): Promise<void> {
  // Flagged-only applies to the table; the charts count every record matching the other filters.
  const q = new URLSearchParams(query());
  q.delete('flagged');
  const s = await getJson<Stats>(`/api/v1/stats?${q}`);
  labels = s.labels;
  $('total').textContent = String(s.total);
  $('by-type').replaceChildren(...s.byType.map((c) => el('li', {}, `${TYPE_LABELS[c.key] ?? c.key}：${c.n}`)));
  barChart($('chart-department'), s.byDepartment.slice(0, 17), deptLabel, (k) => setFilter('department', k), { horizontal: true });
  barChart($('chart-matter'), s.byMatter.slice(0, 15), matterLabel, (k) => setFilter('matter', k), { horizontal: true });
  barChart($('chart-rule'), s.byRule.slice(0, 15), (k) => k, (k) => setFilter('rule', k), { horizontal: true });
  barChart($('chart-week'), s.byWeek, (k) => `${k} 周`, () => undefined, { line: s.byWeek.length > 12 });
}

function fillDepartments(): void {
  const select = $('f-department') as HTMLSelectElement;
  if (select.options.length > 1) return;
  select.append(el('option', { value: '(none)' }, '（未识别部门）'));
  for (const [name, short] of Object.entries(labels.departments)) select.append(el('option', { value: name }, short));
}

async function loadRecords(): Promise<void> {
  const { total, records } = await getJson<{ total: number; records: StoredRecord[] }>(`/api/v1/records?${query({ limit: String(PAGE), offset: String(offset) })}`);
  $('records-count').textContent = `共 ${total} 条，第 ${total ? offset + 1 : 0}–${Math.min(total, offset + PAGE)} 条`;
  ($('prev') as HTMLButtonElement).disabled = offset === 0;
  ($('next') as HTMLButtonElement).disabled = offset + PAGE >= total;
  $('records').replaceChildren(
    ...records.map(({ record: r, flags }) =>
      el(
        'tr',
        flags.length ? { class: 'flagged' } : {},
        el('td', {}, fmtTime(r.at)),
        el('td', {}, r.department ? deptLabel(r.department) : '—'),
        el('td', {}, r.matter ? `${r.matter.id} ${r.matter.name}` : '—'),
        el('td', {}, TYPE_LABELS[r.type] ?? r.type),
        el('td', {}, [...new Set(r.findings.map((f) => f.rule))].join(' ') || '—'),
        el('td', { class: 'reason' }, r.reason ?? ''),
        el('td', {}, r.page ? safeLink(r.page.url, r.page.title || r.page.url) : '—'),
        el('td', {}, flags.length ? flags.map((f) => FLAG_LABELS[f.kind] ?? f.kind).join('、') : '正常'),
        el('td', {}, el('a', { href: `/record?id=${encodeURIComponent(r.id)}` }, '证据')),
      ),
    ),
  );
}

async function loadDevices(): Promise<void> {
  const { devices } = await getJson<{ devices: { device: string; names: string[]; headSeq: number; records: number; flagged: number; flagKinds: Record<string, number>; lastUpload: number }[] }>('/api/v1/devices');
  $('devices').replaceChildren(
    ...devices.map((d) =>
      el(
        'tr',
        d.flagged ? { class: 'flagged' } : {},
        el('td', { title: d.device }, d.device.slice(0, 8)),
        el('td', {}, d.names.join('、') || '—'),
        el('td', {}, d.records),
        el('td', {}, d.headSeq),
        el('td', {}, d.flagged ? Object.entries(d.flagKinds).map(([k, n]) => `${FLAG_LABELS[k] ?? k}×${n}`).join('、') : '链完整'),
        el('td', {}, fmtTime(d.lastUpload)),
        el('td', {}, el('button', { type: 'button', 'data-device': d.device }, '筛选')),
      ),
    ),
  );
  const { treeHead } = await getJson<{ treeHead: TreeHead | null }>('/api/v1/log/head');
  $('log-head').replaceChildren(
    treeHead
      ? el('span', {}, `日志共 ${treeHead.treeSize} 条，根哈希 `, el('code', {}, treeHead.rootHash), `，签名时间 ${fmtTime(treeHead.timestamp)}，密钥 `, el('code', {}, treeHead.keyId.slice(0, 16)))
      : '日志为空',
  );
}

async function refresh(): Promise<void> {
  const exports = query();
  ($('export-csv') as HTMLAnchorElement).href = `/api/v1/export.csv?${exports}`;
  ($('export-json') as HTMLAnchorElement).href = `/api/v1/export.json?${exports}`;
  await loadStats();
  fillDepartments();
  await Promise.all([loadRecords(), loadDevices()]);
  document.body.dataset.ready = 'true';
}

async function main(): Promise<void> {
  const s = await session();
  $('user').textContent = s.user;
  $('logout').addEventListener('click', () => void logout());
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    offset = 0;
    void refresh();
  });
  $('reset').addEventListener('click', () => {
    ($('filters') as HTMLFormElement).reset();
    offset = 0;
    void refresh();
  });
  $('prev').addEventListener('click', () => ((offset = Math.max(0, offset - PAGE)), void loadRecords()));
  $('next').addEventListener('click', () => ((offset += PAGE), void loadRecords()));
  $('devices').addEventListener('click', (e) => {
    const device = (e.target as HTMLElement).closest('button')?.dataset.device;
    if (device) setFilter('device', device);
  });
  const month = $('report-month') as HTMLInputElement;
  month.value = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  $('report-html').addEventListener('click', () => window.open(`/report/${encodeURIComponent(month.value)}`, '_blank', 'noopener'));
  $('report-pdf').addEventListener('click', () => window.open(`/report/${encodeURIComponent(month.value)}.pdf`, '_blank', 'noopener'));
  await refresh();
}

main().catch((error: unknown) => {
  $('error').textContent = `加载失败：${(error as Error).message}`;
});
