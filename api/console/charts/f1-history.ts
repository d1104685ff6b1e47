import type { F1History } from '../../../activities/registry/f1-history';

/**
 * "Gold F1 across versions, with the champion's line": an ECharts option, pure JSON (no
 * functions), so that it travels in a JSON block and console.js draws it as it is.
 */
export function f1HistoryChart(history: F1History): object {
  const champion = history.champion;
  const markLine =
    champion && champion.gold_weighted_f1 !== null
      ? {
          symbol: 'none',
          lineStyle: { color: '#1b7a3d', type: 'dashed', width: 2 },
          label: { formatter: `champion ${champion.version}: {c}`, position: 'insideEndTop' },
          data: [{ name: 'champion', yAxis: Number(champion.gold_weighted_f1.toFixed(4)) }],
        }
      : undefined;
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    xAxis: {
      type: 'category',
      name: 'version',
      nameLocation: 'middle',
      nameGap: 40,
      data: history.points.map((p) => p.version),
    },
    yAxis: { type: 'value', name: 'gold weighted F1', scale: true },
    dataZoom:
      history.points.length > 50 ? [{ type: 'inside' }, { type: 'slider', height: 16 }] : [],
    series: [
      {
        name: 'gold weighted F1',
        type: 'line',
        showSymbol: history.points.length <= 100,
        connectNulls: true,
        data: history.points.map((p) =>
          p.gold_weighted_f1 === null ? null : Number(p.gold_weighted_f1.toFixed(4)),
        ),
        ...(markLine && { markLine }),
      },
    ],
  };
}
