import { DRIFT_SEVERITIES } from '../../../core/contracts/drift-severity';
import type { DriftSeverity } from '../../../core/contracts/drift-severity';

/**
 * A colour per step of the one severity scale; keyed by its type, so a step added to the scale
 * and not here fails to compile. Dark enough to read as text on white.
 */
export const SEVERITY_COLOURS: Readonly<Record<DriftSeverity, string>> = {
  none: '#1b7a3d',
  low: '#8a5a00',
  medium: '#c2410c',
  high: '#b3261e',
};

export interface TimelinePoint {
  id: string;
  /** ISO time of the check. */
  at: string;
  severity: DriftSeverity;
  status: string;
}

/**
 * The checks over time as an ECharts option: one scatter series per severity, on a category
 * axis of the scale itself, so the colour and the height both say how severe. Pure JSON.
 */
export function driftTimelineOption(points: readonly TimelinePoint[]): object {
  return {
    animation: false,
    grid: { left: 70, right: 20, top: 40, bottom: 40 },
    legend: { top: 0, data: [...DRIFT_SEVERITIES] },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'time', name: 'checked at' },
    yAxis: { type: 'category', data: [...DRIFT_SEVERITIES], name: 'severity' },
    series: DRIFT_SEVERITIES.map((severity) => ({
      name: severity,
      type: 'scatter',
      symbolSize: 12,
      itemStyle: { color: SEVERITY_COLOURS[severity] },
      data: points
        .filter((p) => p.severity === severity)
        .map((p) => ({ name: `${p.id} (${p.status})`, value: [p.at, severity] })),
    })),
  };
}

export interface FeaturePlot {
  bins: string[];
  reference: number[];
  current: number[];
}

/** Pixels a feature's chart needs: one row of two bars per bin, and room for the axes. */
export function featureChartHeight(plot: FeaturePlot): number {
  return Math.max(160, 70 + plot.bins.length * 26);
}

const percent = (share: number) => Math.round(share * 10_000) / 100;

/**
 * A feature's bins as grouped horizontal bars, reference against current, in percent of each
 * side's samples: the same bins on both sides, as the drift check fixed them.
 */
export function featurePlotOption(displayName: string, plot: FeaturePlot): object {
  return {
    animation: false,
    grid: { left: 10, right: 30, top: 30, bottom: 30, containLabel: true },
    legend: { top: 0, data: ['reference', 'current'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: '%', axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      name: displayName,
      inverse: true,
      data: plot.bins,
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [
      {
        name: 'reference',
        type: 'bar',
        itemStyle: { color: '#5a6472' },
        data: plot.reference.map(percent),
      },
      {
        name: 'current',
        type: 'bar',
        itemStyle: { color: '#0b5cad' },
        data: plot.current.map(percent),
      },
    ],
  };
}
