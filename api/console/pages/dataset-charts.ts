import type { DatasetClassCount } from '../../../activities/datasets/dataset-detail';

/** The class distribution as horizontal bars, one per product type, named. Pure JSON. */
export function classDistributionOption(classes: readonly DatasetClassCount[]): object {
  return {
    animation: false,
    grid: { left: 10, right: 40, top: 10, bottom: 30, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: 'rows' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: classes.map((c) => `${c.code} ${c.name}`),
      axisLabel: { width: 170, overflow: 'truncate' },
    },
    series: [
      {
        name: 'rows',
        type: 'bar',
        itemStyle: { color: '#0b5cad' },
        label: { show: true, position: 'right' },
        data: classes.map((c) => c.rows),
      },
    ],
  };
}
