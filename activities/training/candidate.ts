import type { GridPoint } from '../../models/train/select';
import type { Family } from '../../models/train/families';
import type { ObjectStore } from '../../core/storage/object-store';
import { putObject } from '../../core/storage/objects';
import { runFileKey } from './model-files';
import { runInThread } from './run-in-thread';
import { snapshotHandover } from './thread-handover';
import type { ThreadControl } from './run-in-thread';
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
  /** sha256 of the bytes written there: the refit reads back only those. */
  oofSha256: string;
}

/**
 * Cross-validates one family's grid on a run's training set, on a thread of its own, and keeps
 * its out-of-fold scores for the refit.
 */
export async function trainCandidate(
  store: ObjectStore,
  input: CandidateInput,
  control: ThreadControl,
  threads?: number,
): Promise<CandidateResult> {
  const { snapshot, transfer } = await snapshotHandover(store, input.datasetVersion);
  const fit = await runInThread({ kind: 'candidate', snapshot, input, threads }, transfer, control);
  const oofKey = runFileKey(input.modelVersion, `oof-${input.family}.f64`);
  const oof = Buffer.from(fit.oofLogits.buffer, fit.oofLogits.byteOffset, fit.oofLogits.byteLength);
  await putObject(store, store.buckets.models, oofKey, oof, 'application/octet-stream');
  return {
    family: input.family,
    best: fit.best,
    grid: fit.grid,
    seconds: fit.seconds,
    rows: fit.rows,
    oofKey,
    oofSha256: fit.oofSha256,
  };
}
