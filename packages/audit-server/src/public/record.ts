/** One record as evidence: every field, its chain flags, and its inclusion proof in the signed log. */
import { getJson, session, type StoredRecord, type TreeHead } from './api.js';
import { $, el, fmtTime, FLAG_LABELS, safeLink, TYPE_LABELS } from './dom.js';

type Copy = StoredRecord & { inclusion: string[] };

function row(label: string, ...value: (Node | string)[]): HTMLElement {
  return el('tr', {}, el('th', {}, label), el('td', {}, ...value));
}

async function main(): Promise<void> {
  await session();
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const { treeHead, copies } = await getJson<{ treeHead: TreeHead | null; copies: Copy[] }>(`/api/v1/records/${encodeURIComponent(id)}`);
  $('copies').replaceChildren(
    ...copies.map(({ record: r, flags, leafIndex, receivedAt, inclusion }) =>
      el(
        'section',
        {},
        el('h2', {}, `${TYPE_LABELS[r.type] ?? r.type} · ${fmtTime(r.at)}`),
        el(
          'table',
          { class: 'fields' },
          row('记录编号', el('code', {}, r.id)),
          row('设备 / 序号', el('code', {}, r.device), ` #${r.seq}`),
          row('部门', r.department ?? '—'),
          row('事项', r.matter ? `${r.matter.id} ${r.matter.name}` : '—'),
          row('页面', r.page ? safeLink(r.page.url, r.page.title || r.page.url) : '—'),
          row('页面地址', r.page?.url ?? '—'),
          row('窗口人员说明', r.reason ?? '—'),
          row('申请人', r.applicant ? ('uscc' in r.applicant ? r.applicant.uscc : `（隐私模式）${r.applicant.usccHash}`) : '—'),
          row('忽略的规则', r.ignored ? `${r.ignored.rule} @ ${r.ignored.site}` : '—'),
          row('接收时间', fmtTime(receivedAt)),
          row('链状态', flags.length ? flags.map((f) => `${FLAG_LABELS[f.kind] ?? f.kind}（${f.detail}）`).join('；') : '正常'),
          row('哈希 / 前序', el('code', {}, r.hash), ' ← ', el('code', {}, r.prev ?? '（首条）')),
        ),
        el('h3', {}, '检测到的表述'),
        el('table', {}, el('tr', {}, el('th', {}, '规则'), el('th', {}, '级别'), el('th', {}, '原文'), el('th', {}, '位置')), ...r.findings.map((f) => el('tr', {}, el('td', {}, f.rule), el('td', {}, f.severity), el('td', {}, f.match), el('td', {}, el('code', {}, f.selector))))),
        el('h3', {}, 'Merkle 日志包含证明（RFC 9162）'),
        el('p', {}, `叶序号 ${leafIndex}，树大小 ${treeHead?.treeSize ?? 0}，根哈希 `, el('code', {}, treeHead?.rootHash ?? ''), `，签名密钥 `, el('code', {}, treeHead?.keyId ?? '')),
        el('ol', { class: 'proof' }, ...inclusion.map((h) => el('li', {}, el('code', {}, h)))),
        el('details', {}, el('summary', {}, '原始记录（JSON）'), el('pre', {}, JSON.stringify(r, null, 2))),
      ),
    ),
  );
  document.body.dataset.ready = 'true';
}

main().catch((error: unknown) => {
  $('error').textContent = `加载失败：${(error as Error).message}`;
});
