import type { SnapshotRow } from '../datasets/snapshot-format';
import { CATEGORY_CODES } from '../../models/categories';
import { buildCorpus } from '../../models/features/corpus';
import type { TermCorpus } from '../../models/features/corpus';
import { DEFAULT_FEATURE_PARAMS } from '../../models/features/params';
import type { FeatureParams } from '../../models/features/params';
import { stratifiedSample } from '../../models/train/folds';

export interface TrainingSpec {
  datasetVersion: string;
  seed: number;
  folds: number;
  /** Share of the non-gold rows to train on (a stratified sample), 1 for all of them. */
  trainFraction: number;
}

export interface TrainingSet {
  rows: SnapshotRow[];
  labels: Int32Array;
  /** Every training row, as indexes into the corpus. */
  indexes: Int32Array;
  corpus: TermCorpus;
  featureParams: FeatureParams;
  gold: SnapshotRow[];
}

export class TrainingDataError extends Error {
  override name = 'TrainingDataError';
}

export const classIndex = new Map<number, number>(CATEGORY_CODES.map((code, i) => [code, i]));

/**
 * The rows a training run learns from: the snapshot minus its gold holdout, sampled down when
 * asked, and their term corpus. Every activity of a run derives the same set from the same spec.
 */
export function trainingSetOf(
  all: SnapshotRow[],
  spec: TrainingSpec,
  onRow?: (done: number) => void,
): TrainingSet {
  const gold = all.filter((r) => r.gold);
  let rows = all.filter((r) => !r.gold);
  if (spec.trainFraction < 1) {
    const labels = rows.map((r) => classIndex.get(r.prdtypecode)!);
    const keep = stratifiedSample(labels, Math.round(rows.length * spec.trainFraction), spec.seed);
    const sorted = Array.from(keep).sort((a, b) => a - b);
    rows = sorted.map((i) => rows[i]!);
  }
  if (rows.length < spec.folds * 2) {
    throw new TrainingDataError(
      `${rows.length} training rows are too few for ${spec.folds}-fold cross-validation`,
    );
  }
  const featureParams = DEFAULT_FEATURE_PARAMS;
  const corpus = buildCorpus(rows, featureParams, onRow);
  return {
    rows,
    labels: Int32Array.from(rows, (r) => classIndex.get(r.prdtypecode)!),
    indexes: Int32Array.from(rows, (_, i) => i),
    corpus,
    featureParams,
    gold,
  };
}
