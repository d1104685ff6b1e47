/** Pure helpers of the runs and overview pages: chart options, numbers as text, page links. */
import type { CvHistoryView } from '../../responses/runs';

/** An ECharts option: one line of CV weighted F1 per family, runs oldest first along x. */
export function cvHistoryChart(history: CvHistoryView): object {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: history.families },
    grid: { left: 48, right: 16, top: 36, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      name: 'run (model version)',
      nameLocation: 'middle',
      nameGap: 40,
      data: history.runs.map((r) => r.version),
    },
    yAxis: { type: 'value', name: 'CV weighted F1', scale: true },
    series: history.families.map((family) => ({
      name: family,
      type: 'line',
      // A run that did not train the family leaves a gap the line spans.
      connectNulls: true,
      data: history.runs.map((r) => r.cv_weighted_f1[family] ?? null),
    })),
  };
}

export function f1(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toFixed(4) : '–';
}

export function seconds(value: number | null | undefined): string {
  if (typeof value !== 'number') return '–';
  return value < 10 ? `${value.toFixed(1)} s` : `${Math.round(value)} s`;
}

/** An interval of a schedule as people say it: 15 min, 2 h, 1 d. */
export function every(ms: number | null | undefined): string {
  if (typeof ms !== 'number') return '–';
  const minutes = ms / 60_000;
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440) return `${minutes / 60} h`;
  return `${minutes / 1440} d`;
}

/** How full the backlog is, 0–100, for a meter; null when it is unknown. */
export function backlogPercent(backlog: number | null, threshold: number | null): number | null {
  if (backlog === null || threshold === null || threshold <= 0) return null;
  return Math.min(100, Math.round((backlog / threshold) * 100));
}

/** Hyperparameters as one short line: `C=10, maxEpochs=50`. */
export function hyperText(hyper: unknown): string {
  if (typeof hyper !== 'object' || hyper === null) return '–';
  const entries = Object.entries(hyper as Record<string, unknown>);
  if (entries.length === 0) return 'defaults';
  return entries
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** The query string of a list page, keeping its filters and moving `offset`. */
export function listHref(
  path: string,
  query: Record<string, string | number | undefined>,
  offset: number,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && key !== 'offset') params.set(key, String(value));
  }
  if (offset > 0) params.set('offset', String(offset));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
