import type { ClassF1Diff } from '../../../activities/registry/version-diff';

const round = (x: number | null): number | null => (x === null ? null : Number(x.toFixed(4)));

/**
 * Per-class F1 of two versions as grouped bars, with their difference (b − a) drawn as a line on
 * an axis of its own: an ECharts option, pure JSON.
 */
export function perClassF1Chart(rows: readonly ClassF1Diff[], a: string, b: string): object {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 48 },
    xAxis: {
      type: 'category',
      name: 'product type code',
      nameLocation: 'middle',
      nameGap: 32,
      axisLabel: { rotate: 60, fontSize: 10 },
      data: rows.map((r) => String(r.code)),
    },
    yAxis: [
      { type: 'value', name: 'F1', min: 0, max: 1 },
      { type: 'value', name: 'b − a', splitLine: { show: false } },
    ],
    series: [
      { name: a, type: 'bar', data: rows.map((r) => round(r.a)), itemStyle: { color: '#8a94a3' } },
      { name: b, type: 'bar', data: rows.map((r) => round(r.b)), itemStyle: { color: '#0b5cad' } },
      {
        name: 'difference (b − a)',
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => round(r.diff)),
        itemStyle: { color: '#b3261e' },
        markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0 }] },
      },
    ],
  };
}
