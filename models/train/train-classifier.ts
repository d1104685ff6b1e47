import { createHash } from 'node:crypto';
import { CATEGORY_CODES } from '../categories';
import { buildCorpus } from '../features/corpus';
import { DEFAULT_FEATURE_PARAMS } from '../features/params';
import type { FeatureParams } from '../features/params';
import { transformCorpus } from '../features/vocabulary';
import { computeMetrics } from '../metrics';
import type { Metrics } from '../metrics';
import { argmaxRows, probabilitiesOf } from '../score';
import type { LabelledRow } from '../data/labelled-rows';
import type { Family } from './families';
import { stratifiedSplit } from './folds';
import { selectAndFit } from './select';
import type { TrainedModel } from './select';

export interface TrainClassifierOptions {
  families: readonly Family[];
  seed: number;
  folds: number;
  /** Fraction of rows held out, stratified, to score the final model; 0 trains on everything. */
  holdout: number;
  featureParams?: Partial<FeatureParams>;
  /** Worker threads for cross-validation; one per core by default. */
  threads?: number;
  onProgress?: (fraction: number, step: string) => void;
}

export interface TrainedClassifier {
  model: TrainedModel;
  featureParams: FeatureParams;
  codes: readonly number[];
  holdout?: Metrics;
  data: {
    hash: string;
    rows: number;
    trainRows: number;
    holdoutRows: number;
    classCounts: Record<string, number>;
  };
  timing: { featurizeSeconds: number; selectSeconds: number; totalSeconds: number };
}

/** A content hash of the labelled rows, in order: the same data gives the same hash anywhere. */
export function hashRows(rows: readonly LabelledRow[]): string {
  const hash = createHash('sha256');
  for (const row of rows)
    hash.update(`${row.prdtypecode}\t${row.designation}\t${row.description}\n`);
  return hash.digest('hex');
}

/** From labelled rows to a selected, calibrated, refitted model with its held-out metrics. */
export async function trainClassifier(
  rows: readonly LabelledRow[],
  options: TrainClassifierOptions,
): Promise<TrainedClassifier> {
  const started = performance.now();
  const featureParams = { ...DEFAULT_FEATURE_PARAMS, ...options.featureParams };
  const codes = CATEGORY_CODES;
  const classOf = new Map<number, number>(codes.map((code, i) => [code, i]));
  const labels = Int32Array.from(rows, (row) => classOf.get(row.prdtypecode)!);

  // Featurising is a fifth of the work on small data; selection the rest.
  const report = (fraction: number, step: string) => options.onProgress?.(fraction, step);
  const corpus = buildCorpus(rows, featureParams, (done) => {
    if (done % 500 === 0) report((0.2 * done) / rows.length, 'featurising');
  });
  const featurized = performance.now();

  const split =
    options.holdout > 0
      ? stratifiedSplit(labels, options.holdout, options.seed)
      : { train: Int32Array.from(rows, (_, i) => i), test: new Int32Array(0) };
  const model = await selectAndFit(
    corpus,
    split.train,
    split.train.map((i) => labels[i]!),
    options.families,
    {
      folds: options.folds,
      seed: options.seed,
      nClasses: codes.length,
      codes,
      threads: options.threads,
      onProgress: (fraction, step) => report(0.2 + 0.8 * fraction, step),
    },
  );
  const selected = performance.now();

  let holdout: Metrics | undefined;
  if (split.test.length > 0) {
    const x = transformCorpus(corpus, split.test, model.fitted);
    const probabilities = probabilitiesOf(model.params, model.temperature, x);
    const truth = split.test.map((i) => labels[i]!);
    holdout = computeMetrics(truth, argmaxRows(probabilities, codes.length), codes, probabilities);
  }

  const classCounts: Record<string, number> = {};
  for (const code of codes) classCounts[code] = 0;
  for (const row of rows) classCounts[row.prdtypecode]!++;
  return {
    model,
    featureParams,
    codes,
    holdout,
    data: {
      hash: hashRows(rows),
      rows: rows.length,
      trainRows: split.train.length,
      holdoutRows: split.test.length,
      classCounts,
    },
    timing: {
      featurizeSeconds: (featurized - started) / 1000,
      selectSeconds: (selected - featurized) / 1000,
      totalSeconds: (performance.now() - started) / 1000,
    },
  };
}
