/**
 * Bar charts with Apache ECharts (loaded as the global `echarts` from /static/echarts.js). Tooltips
 * are HTML in ECharts, so every name is escaped with echarts.format.encodeHTML.
 */
import type * as Echarts from 'echarts';
import type { Count } from './api.js';

declare const echarts: typeof Echarts;

const charts = new Map<string, Echarts.ECharts>();

export function barChart(container: HTMLElement, counts: readonly Count[], label: (key: string) => string, onPick: (key: string) => void, o: { horizontal?: boolean; line?: boolean } = {}): void {
  let chart = charts.get(container.id);
  if (!chart) {
    chart = echarts.init(container, null, { renderer: 'canvas' });
    charts.set(container.id, chart);
    window.addEventListener('resize', () => chart!.resize());
  }
  const rows = o.horizontal ? [...counts].reverse() : [...counts];
  const names = rows.map((c) => label(c.key));
  const cat = { type: 'category' as const, data: names, axisLabel: { width: 150, overflow: 'truncate' as const } };
  const val = { type: 'value' as const, minInterval: 1 };
  chart.off('click');
  chart.on('click', (p) => {
    const row = rows[p.dataIndex ?? -1];
    if (row) onPick(row.key);
  });
  chart.setOption(
    {
      animation: false,
      grid: { left: o.horizontal ? 160 : 40, right: 30, top: 16, bottom: 30 },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const item = p as { name: string; value: number };
          return `${echarts.format.encodeHTML(item.name)}：${Number(item.value)}`;
        },
      },
      xAxis: o.horizontal ? val : cat,
      yAxis: o.horizontal ? cat : val,
      series: [{ type: o.line ? 'line' : 'bar', barMaxWidth: 36, data: rows.map((c) => c.n), itemStyle: { color: '#c0392b' }, label: { show: !o.line, position: o.horizontal ? 'right' : 'top' } }],
    },
    { notMerge: true },
  );
}
