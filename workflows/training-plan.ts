/** What a trainModel input asks for, with the defaults filled in: pure, so tested without Temporal. */
import type { Family } from '../models/train/families';
import { ALL_FAMILIES, DEFAULT_GATE, DEFAULT_TRAINING } from '../core/contracts/train-model';
import type { GateSettings, TrainModelInput } from '../core/contracts/train-model';

export interface TrainingPlan {
  /** What every candidate and the refit train on; recorded with the model's parameters. */
  spec: { datasetVersion: string; folds: number; seed: number; trainFraction: number };
  families: Family[];
  gate: GateSettings;
  /** Who the audit log says did it. */
  actor: string;
}

export function trainingPlan(input: TrainModelInput): TrainingPlan {
  return {
    spec: {
      datasetVersion: input.datasetVersion,
      folds: input.folds ?? DEFAULT_TRAINING.folds,
      seed: input.seed ?? DEFAULT_TRAINING.seed,
      trainFraction: input.trainFraction ?? DEFAULT_TRAINING.trainFraction,
    },
    families: input.families ?? [...ALL_FAMILIES],
    gate: { ...DEFAULT_GATE, ...input.gate },
    actor: input.requestedBy ?? 'workflow',
  };
}

/** Why a plan cannot be trained, or undefined if it can. */
export function planProblem({ spec, families }: TrainingPlan): string | undefined {
  if (families.length === 0) return 'families must name at least one model family';
  if (!(spec.trainFraction > 0 && spec.trainFraction <= 1)) {
    return `trainFraction must be in (0, 1], not ${spec.trainFraction}`;
  }
  return undefined;
}
