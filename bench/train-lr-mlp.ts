/**
 * Fit time and held-out accuracy of the logistic regression and the embedding-bag MLP on a
 * synthetic problem of production shape (8,000 rows, 27 imbalanced classes, 200,000 features,
 * about 250 features a row), next to the linear SVM as the reference.
 *
 *   node --import tsx bench/train-lr-mlp.ts
 */
import type { ModelParams } from '../models/params';
import { createRng } from '../models/random';
import type { Rng } from '../models/random';
import { argmaxRows, logitsOf } from '../models/score';
import { selectRows } from '../models/sparse';
import type { CsrMatrix } from '../models/sparse';
import { trainLogReg } from '../models/train/logreg';
import { trainMlp } from '../models/train/mlp';
import type { MlpHyper } from '../models/train/mlp';
import { trainSvm } from '../models/train/svm';
import type { TrainingSet, TrainOptions } from '../models/train/trainer';

const ROWS = 8_000;
const CLASSES = 27;
const FEATURES = 200_000;
const MEAN_NNZ = 250;
/** Size of each class's own vocabulary; neighbouring classes share half of theirs. */
const POOL = 6_000;
/** Share of a row's terms drawn from its class's vocabulary; the rest is common language. */
const TOPICAL = 0.1;
/** Share of rows whose topical terms come from a neighbouring class: the irreducible error. */
const CONFUSED = 0.1;

/** Draws from a Zipf law over `n` ranks by inverting its cumulative table. */
function zipf(n: number, exponent: number): (rng: Rng) => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / Math.pow(r + 1, exponent);
  return (rng) => {
    const target = rng.next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function syntheticProblem(seed: number): TrainingSet {
  const rng = createRng(seed);
  // Class sizes fall off like the challenge's (largest about 13 times the smallest).
  const prior = Array.from({ length: CLASSES }, (_, c) => 1 / Math.pow(c + 1, 0.8));
  const priorSum = prior.reduce((a, b) => a + b, 0);
  const pools: Int32Array[] = [];
  for (let c = 0; c < CLASSES; c++) {
    const pool = new Int32Array(POOL);
    const previous = pools[c - 1];
    for (let k = 0; k < POOL; k++)
      pool[k] = previous && k % 2 === 0 ? previous[k]! : rng.int(FEATURES);
    pools.push(pool);
  }
  const background = rng.shuffle(Int32Array.from({ length: FEATURES }, (_, f) => f));
  const commonRank = zipf(FEATURES, 1.0);
  const topicalRank = zipf(POOL, 0.9);

  const rowTerms: Map<number, number>[] = [];
  const y = new Int32Array(ROWS);
  const df = new Float64Array(FEATURES);
  for (let r = 0; r < ROWS; r++) {
    let u = rng.next() * priorSum;
    let c = 0;
    while (c < CLASSES - 1 && (u -= prior[c]!) > 0) c++;
    y[r] = c;
    const source = rng.next() < CONFUSED ? (c + 1 + rng.int(2)) % CLASSES : c;
    const target = Math.round(MEAN_NNZ * (0.6 + 0.8 * rng.next()));
    const terms = new Map<number, number>();
    while (terms.size < target) {
      const f =
        rng.next() < TOPICAL ? pools[source]![topicalRank(rng)]! : background[commonRank(rng)]!;
      terms.set(f, (terms.get(f) ?? 0) + 1);
    }
    for (const f of terms.keys()) df[f]!++;
    rowTerms.push(terms);
  }

  const indptr = new Int32Array(ROWS + 1);
  for (let r = 0; r < ROWS; r++) indptr[r + 1] = indptr[r]! + rowTerms[r]!.size;
  const indices = new Int32Array(indptr[ROWS]!);
  const values = new Float32Array(indptr[ROWS]!);
  for (let r = 0; r < ROWS; r++) {
    const sorted = [...rowTerms[r]!.entries()].sort((a, b) => a[0] - b[0]);
    const weights = sorted.map(
      ([f, tf]) => (1 + Math.log(tf)) * Math.log((1 + ROWS) / (1 + df[f]!)),
    );
    const norm = Math.hypot(...weights);
    sorted.forEach(([f], k) => {
      indices[indptr[r]! + k] = f;
      values[indptr[r]! + k] = weights[k]! / norm;
    });
  }
  return { x: { nRows: ROWS, nCols: FEATURES, indptr, indices, values }, y, nClasses: CLASSES };
}

function accuracy(params: ModelParams, x: CsrMatrix, y: Int32Array): number {
  const predicted = argmaxRows(logitsOf(params, x), params.nClasses);
  let right = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) right++;
  return right / y.length;
}

type Fit = (data: TrainingSet, options: TrainOptions) => ModelParams;

function timed(
  fit: Fit,
  data: TrainingSet,
): { params: ModelParams; seconds: string; progressCalls: number } {
  let progressCalls = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const params = fit(data, { seed: 1, onProgress: () => progressCalls++ });
  const { user, system } = process.cpuUsage(cpu);
  // CPU time too: on a shared machine the wall time also counts other processes' turns.
  const seconds =
    `${((performance.now() - started) / 1000).toFixed(2)} s ` +
    `(cpu ${((user + system) / 1e6).toFixed(2)} s)`;
  return { params, seconds, progressCalls };
}

function main(): void {
  const data = syntheticProblem(7);
  const order = createRng(8).shuffle(Int32Array.from({ length: ROWS }, (_, i) => i));
  const cut = Math.round(ROWS * 0.8);
  const trainRows = order.subarray(0, cut);
  const testRows = order.subarray(cut);
  const train: TrainingSet = {
    x: selectRows(data.x, trainRows),
    y: Int32Array.from(trainRows, (r) => data.y[r]!),
    nClasses: CLASSES,
  };
  const testX = selectRows(data.x, testRows);
  const testY = Int32Array.from(testRows, (r) => data.y[r]!);
  const nnz = data.x.indptr[ROWS]! / ROWS;
  console.log(
    `${ROWS} rows (${cut} train), ${CLASSES} classes, ${FEATURES} features, ${nnz.toFixed(0)} nnz/row`,
  );

  const mlp: MlpHyper = { embeddingDim: 64, hiddenDim: 64, epochs: 5, learningRate: 0.002 };
  const families: [string, Fit, boolean][] = [
    ['svm C=0.5 (reference)', (d, o) => trainSvm(d, { C: 0.5 }, o), false],
    ['logreg C=10', (d, o) => trainLogReg(d, { C: 10 }, o), true],
    ['logreg C=30', (d, o) => trainLogReg(d, { C: 30 }, o), false],
    ['logreg C=100', (d, o) => trainLogReg(d, { C: 100 }, o), false],
    ['mlp 64/64, 5 epochs', (d, o) => trainMlp(d, mlp, o), true],
  ];
  for (const [name, fit, onAllRows] of families) {
    const { params, seconds, progressCalls } = timed(fit, train);
    console.log(
      `${name.padEnd(22)} fit ${seconds}, ${progressCalls} progress calls   ` +
        `train ${(100 * accuracy(params, train.x, train.y)).toFixed(1)}%   ` +
        `held-out ${(100 * accuracy(params, testX, testY)).toFixed(1)}%`,
    );
    // The time targets are stated for a fit on all 8,000 rows.
    if (onAllRows)
      console.log(`${''.padEnd(22)} fit on all ${ROWS} rows ${timed(fit, data).seconds}`);
  }
}

main();
