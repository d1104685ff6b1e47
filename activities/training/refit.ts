import { CARD_FILE, FEATURIZER_FILE, MODEL_FILE } from '../../models/artifacts';
import type { Db } from '../../core/db/connect';
import type { ObjectStore } from '../../core/storage/object-store';
import { putObject } from '../../core/storage/objects';
import { readVerifiedObject } from '../../core/storage/verified-read';
import type { CandidateResult } from './candidate';
import { modelFileKey, runFileKey } from './model-files';
import { runInThread } from './run-in-thread';
import { ownBuffer, snapshotHandover } from './thread-handover';
import type { ThreadControl } from './run-in-thread';
import { recordRefitFiles } from './refit-record';
import { TrainingDataError } from './training-set';
import type { TrainingSpec } from './training-set';

export interface RefitInput extends TrainingSpec {
  modelVersion: string;
  candidates: CandidateResult[];
}

export interface RefitResult {
  family: string;
  hyper: object;
  temperature: number;
  cv: { weightedF1: number; macroF1: number; accuracy: number; ece: number };
  trainRows: number;
  goldRows: number;
  seconds: number;
}

/**
 * Picks, calibrates and refits the model on a thread of its own, writes its serving files under
 * the version's prefix (its first card, without gold metrics, with the run's files: exporting
 * completes it), and records their keys and sha256 on the version's claimed row, which gold
 * evaluation and export verify against.
 */
export async function refitModel(
  { db, store }: { db: Db; store: ObjectStore },
  input: RefitInput,
  control: ThreadControl,
): Promise<RefitResult> {
  const { snapshot, transfer } = await snapshotHandover(store, input.datasetVersion);
  const oof = await Promise.all(
    input.candidates.map(async (c) => {
      if (!c.oofSha256) {
        throw new TrainingDataError(
          `candidate ${c.family} records no sha256 for ${c.oofKey} (trained before scores were verified): train again`,
        );
      }
      return ownBuffer(
        await readVerifiedObject(store, store.buckets.models, c.oofKey, c.oofSha256),
      );
    }),
  );
  const fit = await runInThread(
    { kind: 'refit', snapshot, input, oof },
    [...transfer, ...oof.map((o) => o.buffer)],
    control,
  );
  const keys = {
    model: modelFileKey(input.modelVersion, MODEL_FILE),
    featurizer: modelFileKey(input.modelVersion, FEATURIZER_FILE),
    card: runFileKey(input.modelVersion, CARD_FILE),
  };
  const { onnx, featurizer, card } = fit.files;
  const { models } = store.buckets;
  await putObject(
    store,
    models,
    keys.model,
    Buffer.from(onnx.buffer, onnx.byteOffset, onnx.byteLength),
    'application/octet-stream',
  );
  await putObject(store, models, keys.featurizer, featurizer, 'application/json');
  await putObject(store, models, keys.card, card, 'application/json');
  await recordRefitFiles(db, input.modelVersion, keys, fit.sha256);
  return fit.result;
}
