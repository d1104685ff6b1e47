import type { Metrics, ReliabilityBin } from '../../models/metrics';
import type { Db } from '../../core/db/connect';
import type { ObjectStore } from '../../core/storage/object-store';
import { getModel } from '../registry/versions';
import { readModelArtifacts } from './model-files';
import { runInThread } from './run-in-thread';
import { ownBuffer, snapshotHandover } from './thread-handover';
import type { ThreadControl } from './run-in-thread';

export interface GoldEvaluation {
  modelVersion: string;
  datasetVersion: string;
  n: number;
  weightedF1: number;
  metrics: Metrics;
  reliability: ReliabilityBin[];
}

/**
 * Scores a model version on a dataset's gold holdout, on a thread of its own: a run's own
 * candidate, or the champion it must beat. Its files are checked against the sha256 the
 * registry holds for them first (those the refit recorded, for a candidate not yet registered).
 */
export async function evaluateOnGold(
  { db, store }: { db: Db; store: ObjectStore },
  input: { modelVersion: string; datasetVersion: string },
  control: ThreadControl,
): Promise<GoldEvaluation> {
  const model = await readModelArtifacts(store, await getModel(db, input.modelVersion));
  const onnx = ownBuffer(model.onnx);
  const { snapshot, transfer } = await snapshotHandover(store, input.datasetVersion);
  return runInThread(
    { kind: 'evaluate', snapshot, input, model: { ...model, onnx } },
    [...transfer, onnx.buffer],
    control,
  );
}
