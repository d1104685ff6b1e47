/**
 * A model version's report as one self-contained HTML page: inline CSS and SVG only, since the
 * machines that open it are offline. A pure function of its input, so a report can be rebuilt
 * byte for byte from what the registry stores.
 */
import type { DatasetComposition } from './data/composition';
import { escapeHtml, htmlPage, svg, table } from './html-page';
import type { ClassMetrics, Metrics, ReliabilityBin } from './metrics';

export interface ModelReportInput {
  version: string;
  /** sha256 hex of the dataset the model was trained on. */
  datasetVersion: string;
  family: string;
  /** ISO time; passed in rather than read from the clock so that the output is deterministic. */
  createdAt: string;
  /** Class codes in the order of `gold.confusion`. */
  codes: readonly number[];
  /** Code -> French category name. */
  categories: Record<string, string>;
  gold: Metrics;
  reliability: ReliabilityBin[];
  cv?: { weightedF1: number; macroF1: number };
  /** The champion this version was compared with; null when there was none. */
  champion?: { version: string; goldWeightedF1: number } | null;
  gate?: { promoted: boolean; reason: string } | null;
  /** The dataset's rows by source; absent for a dataset snapshotted before they were recorded. */
  composition?: DatasetComposition;
}

function fmt(x: number, digits = 3): string {
  return x.toFixed(digits);
}

function signed(x: number, digits = 4): string {
  const text = Math.abs(x).toFixed(digits);
  return Number(text) === 0 ? `±${text}` : `${x > 0 ? '+' : '−'}${text}`;
}

/** "code name", escaped, for labels and tooltips. */
function classLabel(code: number, categories: Record<string, string>): string {
  const name = categories[String(code)];
  return escapeHtml(name === undefined ? String(code) : `${code} ${name}`);
}

/** White to dark blue; the darkest cells are where a true class's rows mostly went. */
function shareColour(share: number): string {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
  return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
}

const STYLE = `
dl.headline{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
dl.headline div{border:1px solid #ddd;border-radius:6px;padding:.5rem .75rem;min-width:8rem}
dl.headline dt{font-size:.8rem;color:#555}dl.headline dd{margin:0;font-size:1.2rem;font-weight:600}
.promoted{color:#1a7f37}.rejected{color:#b42318}
th:nth-child(2),td:nth-child(2){text-align:left}
.cell{stroke:#fff;stroke-width:.5}.bar{fill:#4a78b5}.bin{fill:#9ab8dd;stroke:#4a78b5}
.conf{fill:#b42318}.diag{stroke:#888;stroke-dasharray:4 3}.axis,.grid{stroke:#ccc}
`;

function renderHeader(input: ModelReportInput): string {
  const { gold, cv, champion, gate } = input;
  const tiles: [string, string][] = [
    ['Gold weighted F1', fmt(gold.weightedF1, 4)],
    ['Gold macro F1', fmt(gold.macroF1, 4)],
    ['Gold accuracy', fmt(gold.accuracy, 4)],
    ['Gold ECE', gold.ece === undefined ? '–' : fmt(gold.ece, 4)],
    ['Gold rows', String(gold.n)],
  ];
  if (cv)
    tiles.push(['CV weighted F1', fmt(cv.weightedF1, 4)], ['CV macro F1', fmt(cv.macroF1, 4)]);
  const lines: string[] = [];
  if (champion) {
    lines.push(
      `<p>Champion <strong>${escapeHtml(champion.version)}</strong>: gold weighted F1 ` +
        `${fmt(champion.goldWeightedF1, 4)} (this version ${signed(gold.weightedF1 - champion.goldWeightedF1)})</p>`,
    );
  } else if (champion === null) {
    lines.push('<p>No champion to compare with.</p>');
  }
  if (gate) {
    const verdict = gate.promoted ? 'Promoted' : 'Not promoted';
    lines.push(
      `<p class="${gate.promoted ? 'promoted' : 'rejected'}"><strong>${verdict}</strong>: ${escapeHtml(gate.reason)}</p>`,
    );
  }
  return `<header>
<h1>Model ${escapeHtml(input.version)}</h1>
<p class="meta">${escapeHtml(input.family)} · dataset <code title="${escapeHtml(input.datasetVersion)}">${escapeHtml(input.datasetVersion.slice(0, 12))}</code> · created ${escapeHtml(input.createdAt)}</p>
<dl class="headline">${tiles.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>
${lines.join('\n')}
</header>`;
}

function renderConfusionHeatmap(input: ModelReportInput): string {
  const { codes, categories } = input;
  const { confusion } = input.gold;
  const cell = 16;
  const left = 64;
  const top = 64;
  const size = codes.length * cell;
  const parts: string[] = [
    `<text x="${left + size / 2}" y="12" text-anchor="middle">predicted class</text>`,
    `<text transform="rotate(-90 12 ${top + size / 2})" x="12" y="${top + size / 2}" text-anchor="middle">true class</text>`,
  ];
  codes.forEach((code, k) => {
    const label = `${code}<title>${classLabel(code, categories)}</title>`;
    const mid = k * cell + cell / 2;
    parts.push(
      `<text x="${left - 4}" y="${top + mid}" text-anchor="end" dominant-baseline="middle">${label}</text>`,
      `<text transform="rotate(-90 ${left + mid} ${top - 4})" x="${left + mid}" y="${top - 4}" dominant-baseline="middle">${label}</text>`,
    );
  });
  codes.forEach((trueCode, r) => {
    const row = confusion[r] ?? [];
    const support = row.reduce((sum, k) => sum + k, 0);
    codes.forEach((predictedCode, c) => {
      const count = row[c] ?? 0;
      const share = support > 0 ? count / support : 0;
      const title =
        `true ${classLabel(trueCode, categories)} → predicted ${classLabel(predictedCode, categories)}: ` +
        `${count} of ${support} (${fmt(share)})`;
      parts.push(
        `<rect class="cell" x="${left + c * cell}" y="${top + r * cell}" width="${cell}" height="${cell}" fill="${shareColour(share)}"><title>${title}</title></rect>`,
      );
    });
  });
  return svg(left + size + 8, top + size + 8, 'Confusion matrix, rows normalised', parts);
}

function renderF1Bars(input: ModelReportInput): string {
  // Best first, so the weak classes gather at the bottom; ties by code keep the order stable.
  const rows = [...input.gold.perClass].sort((a, b) => b.f1 - a.f1 || a.code - b.code);
  const rowHeight = 16;
  const left = 240;
  const width = 300;
  const top = 4;
  const height = top + rows.length * rowHeight + 20;
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = left + tick * width;
    parts.push(
      `<line class="grid" x1="${x}" y1="0" x2="${x}" y2="${height - 16}"/>`,
      `<text x="${x}" y="${height - 4}" text-anchor="middle">${fmt(tick, 2)}</text>`,
    );
  }
  rows.forEach((m, k) => {
    const y = top + k * rowHeight;
    const label = classLabel(m.code, input.categories);
    parts.push(
      `<text x="${left - 6}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${label}</text>`,
      `<rect class="bar" x="${left}" y="${y + 2}" width="${fmt(m.f1 * width, 2)}" height="${rowHeight - 4}"><title>${label}: F1 ${fmt(m.f1)}, support ${m.support}</title></rect>`,
      `<text x="${left + width + 6}" y="${y + rowHeight / 2}" dominant-baseline="middle">${fmt(m.f1)} (n=${m.support})</text>`,
    );
  });
  return svg(left + width + 100, height, 'Per-class F1 on gold', parts);
}

function renderReliabilityDiagram(bins: readonly ReliabilityBin[]): string {
  const plot = 280;
  const left = 40;
  const top = 10;
  const x = (p: number) => fmt(left + p * plot, 2);
  const y = (p: number) => fmt(top + (1 - p) * plot, 2);
  const parts: string[] = [];
  for (const tick of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    parts.push(
      `<text x="${x(tick)}" y="${top + plot + 14}" text-anchor="middle">${fmt(tick, 1)}</text>`,
      `<text x="${left - 4}" y="${y(tick)}" text-anchor="end" dominant-baseline="middle">${fmt(tick, 1)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(0)}"/>`,
    `<line class="axis" x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(1)}"/>`,
    `<line class="diag" x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}"/>`,
    `<text x="${x(0.5)}" y="${top + plot + 28}" text-anchor="middle">confidence</text>`,
    `<text transform="rotate(-90 10 ${y(0.5)})" x="10" y="${y(0.5)}" text-anchor="middle">accuracy</text>`,
  );
  for (const bin of bins) {
    if (bin.count === 0) continue;
    const title = `<title>${binRange(bin)}: ${bin.count} predictions, mean confidence ${fmt(bin.meanConfidence)}, accuracy ${fmt(bin.accuracy)}</title>`;
    parts.push(
      `<rect class="bin" x="${x(bin.lower)}" y="${y(bin.accuracy)}" width="${fmt((bin.upper - bin.lower) * plot, 2)}" height="${fmt(bin.accuracy * plot, 2)}">${title}</rect>`,
      `<circle class="conf" cx="${x(bin.meanConfidence)}" cy="${y(bin.accuracy)}" r="3">${title}</circle>`,
    );
  }
  return svg(left + plot + 10, top + plot + 34, 'Reliability diagram', parts);
}

function binRange(bin: ReliabilityBin): string {
  return `${fmt(bin.lower)}–${fmt(bin.upper)}`;
}

function renderBinsTable(bins: readonly ReliabilityBin[]): string {
  return table(
    ['Confidence', 'Count', 'Mean confidence', 'Accuracy', 'Gap'],
    bins.map((bin) => {
      const empty = bin.count === 0;
      return [
        binRange(bin),
        String(bin.count),
        empty ? '–' : fmt(bin.meanConfidence),
        empty ? '–' : fmt(bin.accuracy),
        empty ? '–' : signed(bin.accuracy - bin.meanConfidence, 3),
      ];
    }),
  );
}

function renderClassTable(
  perClass: readonly ClassMetrics[],
  categories: Record<string, string>,
): string {
  return table(
    ['Code', 'Category', 'Precision', 'Recall', 'F1', 'Support'],
    perClass.map((m) => [
      String(m.code),
      escapeHtml(categories[String(m.code)] ?? ''),
      fmt(m.precision),
      fmt(m.recall),
      fmt(m.f1),
      String(m.support),
    ]),
  );
}

/** Where the training rows came from, so a model trained on demo rows says so on its page. */
function renderComposition(composition: DatasetComposition | undefined): string {
  if (!composition) return '';
  const rows = composition.map((s) => [
    `${escapeHtml(s.name)} <code>${escapeHtml(s.source_id.slice(0, 12))}</code>`,
    s.demo ? 'demo' : '',
    String(s.rows),
    String(s.gold_rows),
    String(Object.keys(s.per_class).length),
  ]);
  return `
<section>
<h2>Training data by source</h2>
${table(['Source', 'Demo', 'Rows', 'Gold rows', 'Classes'], rows)}
</section>`;
}

export function renderModelReport(input: ModelReportInput): string {
  const body = `${renderHeader(input)}${renderComposition(input.composition)}
<section>
<h2>Confusion matrix (gold)</h2>
<p class="meta">Rows are true classes, columns predicted ones; colour is the share of the row. Hover a cell for its count.</p>
${renderConfusionHeatmap(input)}
</section>
<section>
<h2>Per-class F1 (gold)</h2>
${renderF1Bars(input)}
</section>
<section>
<h2>Calibration</h2>
<p class="meta">Bars: accuracy per confidence bin; dots: mean confidence in the bin. A calibrated model follows the diagonal.</p>
${renderReliabilityDiagram(input.reliability)}
${renderBinsTable(input.reliability)}
</section>
<section>
<h2>Per class (gold)</h2>
${renderClassTable(input.gold.perClass, input.categories)}
</section>`;
  return htmlPage({ lang: 'fr', title: `Model ${input.version}`, style: STYLE, body });
}
