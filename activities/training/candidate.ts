import { CATEGORY_CODES } from '../../models/categories';
import { crossValidate } from '../../models/train/select';
import type { GridPoint } from '../../models/train/select';
import type { Family } from '../../models/train/families';
import type { ObjectStore } from '../../core/storage/object-store';
import { runFileKey } from './model-files';
import { putObject } from '../../core/storage/objects';
import { loadTrainingSet } from './training-set';
import type { TrainingSpec } from './training-set';

export interface CandidateInput extends TrainingSpec {
  modelVersion: string;
  family: Family;
}

export interface CandidateResult {
  family: Family;
  best: GridPoint;
  grid: GridPoint[];
  seconds: number;
  rows: number;
  /** Out-of-fold logits, [rows × classes] float64, in the models bucket: too large for a payload. */
  oofKey: string;
}

/** Cross-validates one family's grid on a run's training set; `progress` hears of each step. */
export async function trainCandidate(
  store: ObjectStore,
  input: CandidateInput,
  progress: (step: string) => void,
  threads?: number,
): Promise<CandidateResult> {
  const set = await loadTrainingSet(store, input, (done) => {
    if (done % 1_000 === 0) progress(`featurising ${done}`);
  });
  const [result] = await crossValidate(
    set.corpus,
    set.indexes,
    set.labels,
    [input.family],
    {
      folds: input.folds,
      seed: input.seed,
      nClasses: CATEGORY_CODES.length,
      codes: CATEGORY_CODES,
      threads,
    },
    progress,
  );
  const oofKey = runFileKey(input.modelVersion, `oof-${input.family}.f64`);
  const oof = result!.oofLogits;
  await putObject(
    store,
    store.buckets.models,
    oofKey,
    Buffer.from(oof.buffer, oof.byteOffset, oof.byteLength),
    'application/octet-stream',
  );
  return {
    family: input.family,
    best: result!.best,
    grid: result!.grid,
    seconds: result!.seconds,
    rows: set.rows.length,
    oofKey,
  };
}
