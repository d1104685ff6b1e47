/** Shared by the `trainModel` workflow, the retraining controller, the CLI and tests. */
import type { Family } from '../../models/train/families';

export const ALL_FAMILIES: readonly Family[] = ['svm', 'logreg', 'cnb', 'mlp'];

export interface GateSettings {
  /** A candidate must beat the champion's gold weighted F1 by at least this much. */
  minDelta: number;
  /** ... and reach at least this gold weighted F1. */
  floor: number;
}

export const DEFAULT_GATE: GateSettings = { minDelta: 0.002, floor: 0.5 };

export interface TrainModelInput {
  /** The snapshot to train on; `snapshotDataset` makes it. */
  datasetVersion: string;
  families?: Family[];
  folds?: number;
  seed?: number;
  /** Share of the training rows to use, for deliberately smaller models; 1 by default. */
  trainFraction?: number;
  gate?: Partial<GateSettings>;
  /** Who asked: `workflow`, `cli:<user>`, `api:<token>`, recorded in the audit log. */
  requestedBy?: string;
  reason?: string;
  /** How soon a silent candidate activity counts as lost and is retried elsewhere. */
  heartbeatTimeoutSeconds?: number;
  /** The task queue of the training workers; `training` by default. */
  trainingTaskQueue?: string;
}

export interface TrainModelResult {
  modelVersion: string;
  datasetVersion: string;
  family: string;
  goldWeightedF1: number;
  promoted: boolean;
  /** Why it was promoted or kept a candidate. */
  reason: string;
  championBefore: string | null;
  championAfter: string | null;
  trainRows: number;
  seconds: Record<string, number>;
}

export const DEFAULT_TRAINING = { folds: 3, seed: 42, trainFraction: 1 } as const;

/** FNV-1a, 32 bits: a short stable tag for a spec, computable inside workflow code. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The ID of the trainModel run for a dataset version and training spec: the same data and the
 * same spec are one run, so asking again finds it rather than training twice. Settings that do
 * not change the model (who asked, why, timeouts, the gate) are not part of it.
 */
export function trainingWorkflowId(input: TrainModelInput): string {
  const families = [...(input.families ?? ALL_FAMILIES)].sort();
  const spec = {
    families,
    folds: input.folds ?? DEFAULT_TRAINING.folds,
    seed: input.seed ?? DEFAULT_TRAINING.seed,
    trainFraction: input.trainFraction ?? DEFAULT_TRAINING.trainFraction,
  };
  const isDefault =
    families.join() === [...ALL_FAMILIES].sort().join() &&
    spec.folds === DEFAULT_TRAINING.folds &&
    spec.seed === DEFAULT_TRAINING.seed &&
    spec.trainFraction === DEFAULT_TRAINING.trainFraction;
  const base = `train-${input.datasetVersion.slice(0, 16)}`;
  return isDefault ? base : `${base}-${fnv1a(JSON.stringify(spec))}`;
}
