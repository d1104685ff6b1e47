import { sha256Hex } from '../../core/storage/integrity';
import { CATEGORY_CODES } from '../../models/categories';
import { crossValidate } from '../../models/train/select';
import { decodeSnapshotBytes } from '../datasets/read-snapshot';
import type { CandidateFit, ThreadTask } from './thread-protocol';
import { trainingSetOf } from './training-set';

/** In a training thread: one family's grid cross-validated on a run's training set. */
export async function fitCandidate(
  { snapshot, input, threads }: Extract<ThreadTask, { kind: 'candidate' }>,
  progress: (step: string) => void,
): Promise<CandidateFit> {
  const set = trainingSetOf(await decodeSnapshotBytes(snapshot), input, (done) => {
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
  const oof = result!.oofLogits;
  return {
    best: result!.best,
    grid: result!.grid,
    seconds: result!.seconds,
    rows: set.rows.length,
    oofLogits: oof,
    oofSha256: sha256Hex(new Uint8Array(oof.buffer, oof.byteOffset, oof.byteLength)),
  };
}
