/**
 * A drift check as one self-contained HTML page: inline CSS and SVG only, since the machines
 * that open it are offline. A pure function of its input, so the page can be rebuilt byte for
 * byte from the stored result.
 */
import { escapeHtml, htmlPage, svg, table } from '../html-page';
import { formatPValue } from './compare';
import type { DriftPlot, DriftResult, FeatureDrift } from './compare';

export interface DriftReportInput {
  id: string;
  /** ISO time; passed in rather than read from the clock so that the output is deterministic. */
  createdAt: string;
  championVersion: string;
  datasetVersion: string;
  /** What the current sample covers (time range, row limits…), shown as given. */
  window: Record<string, unknown>;
  result: DriftResult;
}

const STYLE = `
h3{font-size:1rem;margin:1.5rem 0 .25rem}
dl.window{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;font-size:.9rem}
dl.window dt{color:#555}dl.window dd{margin:0}
th,td{vertical-align:top}
th:first-child,td:first-child,td:last-child,th:last-child{text-align:left}
.sev{font-weight:600;border-radius:4px;padding:0 .4rem}
.sev-none{background:#e6f4ea;color:#1a7f37}.sev-low{background:#fff8c5;color:#7d4e00}
.sev-medium{background:#ffe2c2;color:#a04100}.sev-high{background:#ffd7d5;color:#b42318}
.insufficient{color:#888}
.ref{fill:#8aa9cf}.cur{fill:#e07b39}.grid{stroke:#ddd}
`;

function severityBadge(severity: string): string {
  return `<span class="sev sev-${escapeHtml(severity)}">${escapeHtml(severity)}</span>`;
}

function num(x: number | undefined, digits = 3): string {
  return x === undefined ? '–' : x.toFixed(digits);
}

function testLabel(f: FeatureDrift): string {
  const test = f.statistics?.test;
  if (!test) return '–';
  return test.kind === 'ks'
    ? `KS D = ${test.statistic.toFixed(3)}`
    : `χ² = ${test.statistic.toFixed(1)}, df ${test.df ?? 0}`;
}

function renderSummaryTable(result: DriftResult): string {
  return table(
    [
      'Feature',
      'Status',
      'DriftSeverity',
      'n ref',
      'n cur',
      'PSI',
      'JS',
      'KL',
      'Test',
      'p-value',
      'Reason',
    ],
    result.features.map((f) => [
      `<a href="#${escapeHtml(f.name)}">${escapeHtml(f.displayName)}</a>`,
      `<span class="${f.status === 'ok' ? '' : 'insufficient'}">${escapeHtml(f.status)}</span>`,
      severityBadge(f.severity),
      String(f.samples.reference),
      String(f.samples.current),
      num(f.statistics?.psi),
      num(f.statistics?.jsDistance),
      num(f.statistics?.klDivergence),
      escapeHtml(testLabel(f)),
      f.statistics ? escapeHtml(formatPValue(f.statistics.test.pValue)) : '–',
      escapeHtml(f.reason),
    ]),
  );
}

const MAX_LABEL = 28;

/** Grouped horizontal bars: per bin, the reference's share above the current sample's. */
function renderPlot(name: string, plot: DriftPlot): string {
  const left = 190;
  const width = 380;
  const rowHeight = 20;
  const barHeight = 8;
  const top = 24;
  const height = top + plot.bins.length * rowHeight + 22;
  const peak = Math.max(1e-9, ...plot.reference, ...plot.current);
  // The axis ends at a round share so that its ticks read as plain percentages.
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25].find((s) => s * 4 >= peak) ?? 0.25;
  const axisMax = Math.min(1, Math.ceil(peak / step - 1e-9) * step);
  const x = (share: number) => left + (share / axisMax) * width;
  const parts: string[] = [
    `<rect class="ref" x="${left}" y="4" width="10" height="${barHeight}"/>`,
    `<text x="${left + 14}" y="${4 + barHeight / 2}" dominant-baseline="middle">reference</text>`,
    `<rect class="cur" x="${left + 90}" y="4" width="10" height="${barHeight}"/>`,
    `<text x="${left + 104}" y="${4 + barHeight / 2}" dominant-baseline="middle">current</text>`,
  ];
  for (let tick = 0; tick <= axisMax + 1e-9; tick += step) {
    parts.push(
      `<line class="grid" x1="${x(tick).toFixed(1)}" y1="${top - 2}" x2="${x(tick).toFixed(1)}" y2="${height - 18}"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${height - 6}" text-anchor="middle">${Math.round(tick * 100)}%</text>`,
    );
  }
  plot.bins.forEach((bin, k) => {
    const y = top + k * rowHeight;
    const shown = bin.length > MAX_LABEL ? `${bin.slice(0, MAX_LABEL - 1)}…` : bin;
    const r = plot.reference[k] ?? 0;
    const c = plot.current[k] ?? 0;
    const title = `<title>${escapeHtml(bin)}: reference ${(r * 100).toFixed(1)}%, current ${(c * 100).toFixed(1)}%</title>`;
    parts.push(
      `<text x="${left - 6}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(shown)}${title}</text>`,
      `<rect class="ref" x="${left}" y="${y + 2}" width="${(x(r) - left).toFixed(2)}" height="${barHeight}">${title}</rect>`,
      `<rect class="cur" x="${left}" y="${y + 2 + barHeight}" width="${(x(c) - left).toFixed(2)}" height="${barHeight}">${title}</rect>`,
    );
  });
  return svg(left + width + 20, height, escapeHtml(`Shares per bin: ${name}`), parts);
}

function renderFeature(f: FeatureDrift): string {
  const samples = `${f.samples.reference} reference and ${f.samples.current} current ${f.unit}`;
  return `<section id="${escapeHtml(f.name)}">
<h3>${escapeHtml(f.displayName)} ${severityBadge(f.severity)}</h3>
<p class="meta">${escapeHtml(samples)}. ${escapeHtml(f.reason)}.</p>
${f.plot ? renderPlot(f.displayName, f.plot) : '<p class="insufficient">No data on either side.</p>'}
</section>`;
}

function renderWindow(window: Record<string, unknown>): string {
  const entries = Object.entries(window);
  if (entries.length === 0) return '';
  const value = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
  return `<dl class="window">${entries
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><code>${escapeHtml(value(v))}</code></dd>`)
    .join('')}</dl>`;
}

export function renderDriftReport(input: DriftReportInput): string {
  const { result } = input;
  const body = `<header>
<h1>Drift check ${escapeHtml(input.id)} ${severityBadge(result.severity)}</h1>
<p class="meta">champion <strong>${escapeHtml(input.championVersion)}</strong> · dataset <code title="${escapeHtml(input.datasetVersion)}">${escapeHtml(input.datasetVersion.slice(0, 12))}</code> · created ${escapeHtml(input.createdAt)}</p>
<p>${escapeHtml(result.summary)}.</p>
<p class="meta">Reference: ${result.reference.texts} products, ${result.reference.predictions} predictions. Current: ${result.current.texts} products, ${result.current.predictions} predictions. A feature drifts when its test is significant (p below α ${escapeHtml(String(result.thresholds.alpha))} / ${result.comparedFeatures} compared features = ${escapeHtml(formatPValue(result.featureAlpha))}) and PSI or JS distance reaches a band (PSI ${result.thresholds.psi.low} / ${result.thresholds.psi.medium} / ${result.thresholds.psi.high}, JS ${result.thresholds.jsDistance.low} / ${result.thresholds.jsDistance.medium} / ${result.thresholds.jsDistance.high} for low / medium / high).</p>
${renderWindow(input.window)}
</header>
<section>
<h2>Summary</h2>
${renderSummaryTable(result)}
</section>
<section>
<h2>Features</h2>
<p class="meta">Share of each side's samples per bin; continuous features are cut at the reference's deciles.</p>
${result.features.map(renderFeature).join('\n')}
</section>`;
  return htmlPage({ lang: 'en', title: `Drift ${input.id}`, style: STYLE, body });
}
