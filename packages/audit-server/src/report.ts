/**
 * The printable monthly report for 通报: counts by department, matter, rule, type and week with
 * charts rendered server-side (ECharts SSR to SVG, so the page needs no script), the devices' chain
 * status, flagged records, and the signed tree head it was drawn from. Every value is escaped.
 */
import * as echarts from 'echarts';
import { LABELS } from './labels.js';
import { deviceStatus, listRecords, stats, type Count, type Filter } from './queries.js';
import type { Store } from './store.js';

export const TYPE_LABELS: Record<string, string> = {
  'paper-licence-demanded': '要求提供纸质执照',
  'e-licence-refused': '拒收电子营业执照',
  'e-seal-refused': '拒收电子印章',
  'finding-ignored': '忽略检测提示',
};

const FLAG_LABELS: Record<string, string> = { edited: '内容被改动', gap: '记录缺失', fork: '链分叉', device: '设备不符' };

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function monthRange(month: string): Filter | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export const departmentLabel = (k: string): string => (k === '' ? '（未识别部门）' : (LABELS.departments[k] ?? k));
export const matterLabel = (k: string): string => (k === '' ? '（未识别事项）' : `${k} ${LABELS.matters[k] ?? ''}`.trim());

function barSvg(counts: readonly Count[], label: (k: string) => string, o: { horizontal?: boolean; width?: number } = {}): string {
  if (counts.length === 0) return '<p class="empty">（无数据）</p>';
  const width = o.width ?? 680;
  const height = o.horizontal ? Math.max(120, 40 + counts.length * 24) : 260;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const names = counts.map((c) => label(c.key));
  const cat = { type: 'category' as const, data: o.horizontal ? [...names].reverse() : names, axisLabel: { fontFamily: 'Noto Sans CJK SC', width: 260, overflow: 'truncate' as const } };
  const val = { type: 'value' as const, minInterval: 1 };
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' },
    grid: { left: o.horizontal ? 270 : 40, right: 30, top: 20, bottom: 30 },
    xAxis: o.horizontal ? val : cat,
    yAxis: o.horizontal ? cat : val,
    series: [{ type: 'bar', barMaxWidth: 36, data: (o.horizontal ? [...counts].reverse() : counts).map((c) => c.n), itemStyle: { color: '#c0392b' }, label: { show: true, position: o.horizontal ? 'right' : 'top' } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

function table(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return '<p class="empty">（无）</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const fmtTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function monthlyReport(store: Store, month: string, user: string): Promise<string | null> {
  const range = monthRange(month);
  if (!range) return null;
  const s = await stats(store.db, range);
  const head = await store.latestHead();
  const devices = await deviceStatus(store.db);
  const flagged = await listRecords(store.db, { ...range, flagged: true }, 100);
  const [y, m] = month.split('-');
  const title = `电子营业执照、电子印章拒收情况月报（${y}年${Number(m)}月）`;
  const top = (c: readonly Count[]) => c.slice(0, 15);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", sans-serif; color: #222; font-size: 11pt; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 7mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; } th, td { border: 1px solid #aaa; padding: 1mm 2mm; text-align: left; font-size: 9.5pt; }
.meta { color: #555; font-size: 9pt; text-align: center; } .empty { color: #777; } .big { font-size: 20pt; font-weight: bold; color: #c0392b; }
section { break-inside: avoid; } svg { max-width: 100%; height: auto; } code { font-size: 8pt; word-break: break-all; }
</style></head><body>
<h1>${esc(title)}</h1>
<p class="meta">依据大足府办发〔2022〕164号任务八（随机抽查、定期抽查、通报批评）· 生成：${esc(fmtTime(Date.now()))}（北京时间）· ${esc(user)}</p>
<section><h2>一、总体情况</h2><p>本月共记录拒收或要求纸质材料 <span class="big">${s.total}</span> 次。</p>
${table(['类型', '次数'], s.byType.map((c) => [TYPE_LABELS[c.key] ?? c.key, c.n]))}</section>
<section><h2>二、按部门</h2>${barSvg(s.byDepartment, departmentLabel, { horizontal: true })}
${table(['部门', '次数'], s.byDepartment.map((c) => [departmentLabel(c.key), c.n]))}</section>
<section><h2>三、按周</h2>${barSvg(s.byWeek, (k) => `${k} 起`)}</section>
<section><h2>四、按事项（前 15 项）</h2>${barSvg(top(s.byMatter), matterLabel, { horizontal: true })}</section>
<section><h2>五、按检测规则（前 15 条）</h2>${table(['规则', '次数'], top(s.byRule).map((c) => [c.key, c.n]))}</section>
<section><h2>六、记录链状态（各窗口设备）</h2>
${table(['设备', '名称', '记录数', '异常数', '异常类型', '最近上传'], devices.map((d) => [d.device.slice(0, 8), d.names.join('、'), d.records, d.flagged, Object.entries(d.flagKinds).map(([k, n]) => `${FLAG_LABELS[k] ?? k}×${n}`).join('、') || '无', fmtTime(d.lastUpload)]))}
<h3>本月有链异常的记录（${flagged.total} 条${flagged.total > 100 ? '，列出前 100 条' : ''}）</h3>
${table(['时间', '部门', '事项', '序号', '异常'], flagged.records.map((r) => [fmtTime(r.record.at), departmentLabel(r.record.department ?? ''), r.record.matter?.name ?? '', r.record.seq, r.flags.map((f) => FLAG_LABELS[f.kind] ?? f.kind).join('、')]))}</section>
<section><h2>七、防篡改凭据</h2><p>本报告依据的日志树头（Ed25519 签名，RFC 9162 Merkle 日志）：</p>
${head ? table(['树大小', '根哈希', '时间', '密钥标识'], [[head.treeSize, head.rootHash, fmtTime(head.timestamp), head.keyId]]) : '<p class="empty">（日志为空）</p>'}
<p class="meta">可用 <code>yizhao audit verify</code> 离线核验；签名：<code>${esc(head?.signature ?? '')}</code></p></section>
</body></html>`;
}
