import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { CATEGORIES, CATEGORY_CODES } from '../models/categories';
import { computeMetrics, expectedCalibrationError, reliabilityBins } from '../models/metrics';
import { createRng } from '../models/random';
import type { ModelReportInput } from '../models/report';
import { renderModelReport } from '../models/report';

const C = CATEGORY_CODES.length;
// No real category name has markup characters; this one checks that input text is escaped.
const TRICKY_NAME = "Jouets & jeux d'éveil <2 ans>";
const categories: Record<string, string> = { ...CATEGORIES, 1280: TRICKY_NAME };

/** Predictions that are right about as often as they claim to be, over an imbalanced truth. */
function predictions(n: number, seed: number) {
  const rng = createRng(seed);
  const truth = new Int32Array(n);
  const predicted = new Int32Array(n);
  const probabilities = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    const t = Math.min(C - 1, Math.floor(C * rng.next() ** 1.5));
    // At least 0.2, so the predicted class is always the top one among the (1 - p) / 26 others.
    const confidence = 0.2 + 0.8 * rng.next();
    const p = rng.next() < 0.9 * confidence ? t : (t + 1 + rng.int(C - 1)) % C;
    truth[i] = t;
    predicted[i] = p;
    for (let c = 0; c < C; c++) {
      probabilities[i * C + c] = c === p ? confidence : (1 - confidence) / (C - 1);
    }
  }
  return { truth, predicted, probabilities };
}

const { truth, predicted, probabilities } = predictions(4_000, 2026);
const gold = computeMetrics(truth, predicted, CATEGORY_CODES, probabilities);

const input: ModelReportInput = {
  version: 'm-20261127-0001',
  datasetVersion: createHash('sha256').update('gold').digest('hex'),
  family: 'svm+logreg',
  createdAt: '2026-11-27T09:30:00.000Z',
  codes: CATEGORY_CODES,
  categories,
  gold,
  reliability: reliabilityBins(probabilities, truth, C),
  cv: { weightedF1: 0.8123, macroF1: 0.7741 },
  champion: { version: 'm-20261101-0003', goldWeightedF1: 0.7 },
  gate: { promoted: true, reason: 'gold weighted F1 above the champion & ECE under 0.05' },
};
const html = renderModelReport(input);

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('model report', () => {
  it('is one HTML5 document with a 27 × 27 heatmap, 27 F1 bars and the calibration', () => {
    assert.ok(html.startsWith('<!doctype html>\n'));
    assert.ok(html.includes('<meta charset="utf-8">'));
    assert.equal(count(html, /<rect class="cell"/g), C * C);
    assert.equal(count(html, /<rect class="bar"/g), C);
    assert.equal(count(html, /<svg /g), 3);
    assert.equal(count(html, /<\/svg>/g), 3);
    const nonEmpty = input.reliability.filter((b) => b.count > 0).length;
    assert.ok(nonEmpty > 5, `${nonEmpty} non-empty bins`);
    assert.equal(count(html, /<rect class="bin"/g), nonEmpty);
    // The tooltip of the first diagonal cell carries its count and its row's support.
    const support = gold.confusion[0]!.reduce((a, b) => a + b, 0);
    const first = `true 10 Livres occasion → predicted 10 Livres occasion: ${gold.confusion[0]![0]} of ${support}`;
    assert.ok(html.includes(first), first);
    for (const tile of ['0.8123', '0.7741', 'm-20261101-0003', gold.weightedF1.toFixed(4)]) {
      assert.ok(html.includes(tile), tile);
    }
    assert.ok(html.includes(input.datasetVersion.slice(0, 12)));
  });

  it('escapes every text that comes from the input', () => {
    assert.ok(html.includes('Jouets &amp; jeux d&#39;éveil &lt;2 ans&gt;'));
    assert.ok(!html.includes('Jouets & jeux'));
    assert.ok(html.includes('above the champion &amp; ECE'));
    const hostile = renderModelReport({
      ...input,
      version: '<img src=x>',
      gate: { promoted: false, reason: '<script>alert(1)</script>' },
    });
    assert.ok(!hostile.includes('<img'));
    assert.ok(hostile.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!/<script/i.test(hostile));
  });

  it('loads nothing from outside the page', () => {
    assert.ok(!/<script/i.test(html));
    assert.ok(!/https?:\/\//i.test(html));
    assert.ok(!/\b(src|href)=|url\(|@import/i.test(html));
  });

  it('gives the same bytes for the same input and leaves the input as it was', () => {
    const before = structuredClone(input);
    assert.equal(renderModelReport(input), html);
    assert.equal(renderModelReport(structuredClone(input)), html);
    assert.deepEqual(input, before);
  });

  it('renders without CV figures, champion or gate', () => {
    const { cv: _cv, champion: _champion, gate: _gate, ...bare } = input;
    const page = renderModelReport(bare);
    assert.ok(!page.includes('CV weighted F1'));
    assert.ok(!page.includes('romoted</strong>'));
    assert.ok(!page.includes('Champion'));
    assert.ok(renderModelReport({ ...bare, champion: null }).includes('No champion'));
  });

  it('lists the training data by source, demo marked and names escaped, when it is recorded', () => {
    assert.ok(!html.includes('Training data by source'));
    const page = renderModelReport({
      ...input,
      composition: [
        {
          source_id: 'a'.repeat(64),
          name: 'X_train.csv <b>',
          demo: false,
          rows: 900,
          gold_rows: 90,
          per_class: { '10': 500, '2583': 400 },
        },
        {
          source_id: 'b'.repeat(64),
          name: 'demo catalogue (seed 42)',
          demo: true,
          rows: 300,
          gold_rows: 30,
          per_class: { '10': 300 },
        },
      ],
    });
    assert.ok(page.includes('Training data by source'));
    assert.ok(page.includes('X_train.csv &lt;b&gt;'));
    assert.ok(page.includes('<td>demo</td><td>300</td><td>30</td><td>1</td>'));
    assert.ok(page.includes('<td></td><td>900</td><td>90</td><td>2</td>'));
  });
});

describe('reliability bins', () => {
  it('computes the ECE of computeMetrics from the bins', () => {
    let ece = 0;
    for (const bin of input.reliability) {
      if (bin.count > 0) ece += (bin.count / gold.n) * Math.abs(bin.accuracy - bin.meanConfidence);
    }
    assert.equal(gold.ece, ece);
    assert.equal(expectedCalibrationError(probabilities, truth, C), ece);
    assert.equal(
      input.reliability.reduce((sum, b) => sum + b.count, 0),
      gold.n,
    );
  });

  it('bins a hand-made case', () => {
    // Top-class probability and whether it is right: 0.9 yes, 0.85 no, 1.0 no (last bin),
    // 0.55 yes, a 0.5/0.5 tie (goes to class 0) no, 0.7 yes.
    const probs = Float64Array.from([0.9, 0.1, 0.15, 0.85, 1, 0, 0.55, 0.45, 0.5, 0.5, 0.3, 0.7]);
    const bins = reliabilityBins(probs, [0, 0, 1, 0, 1, 1], 2, 5);
    assert.deepEqual(
      bins.map((b) => [b.lower, b.upper, b.count]),
      [
        [0, 0.2, 0],
        [0.2, 0.4, 0],
        [0.4, 0.6, 2],
        [0.6, 0.8, 1],
        [0.8, 1, 3],
      ],
    );
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
    close(bins[2]!.accuracy, 0.5);
    close(bins[2]!.meanConfidence, 0.525);
    close(bins[3]!.accuracy, 1);
    close(bins[3]!.meanConfidence, 0.7);
    close(bins[4]!.accuracy, 1 / 3);
    close(bins[4]!.meanConfidence, 2.75 / 3);
    assert.equal(bins[0]!.accuracy, 0);
    assert.equal(bins[0]!.meanConfidence, 0);
    // 3/6 · |1/3 − 2.75/3| + 2/6 · |0.5 − 0.525| + 1/6 · |1 − 0.7| = 0.35
    close(expectedCalibrationError(probs, [0, 0, 1, 0, 1, 1], 2, 5), 0.35);
  });
});
