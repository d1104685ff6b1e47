/** Shared by the `trainModel` workflow, the retraining controller, the CLI and tests. */
import { z } from 'zod';
import type { Family } from '../../models/train/families';
import { actorSchema, boundedInt, reasonSchema, seedSchema, unitIntervalSchema } from './fields';
import { trainingTaskQueueSchema } from './task-queues';

/** The model families, as models/train/families.ts names them (listed here: that file trains). */
export const ALL_FAMILIES = ['svm', 'logreg', 'cnb', 'mlp'] as const satisfies readonly Family[];
// Every family is listed: a new one fails to compile here until it is.
const _everyFamily: Exclude<Family, (typeof ALL_FAMILIES)[number]> extends never ? true : never =
  true;

export const gateSettingsSchema = z.strictObject({
  /** A candidate must beat the champion's gold weighted F1 by at least this much. */
  minDelta: unitIntervalSchema,
  /** ... and reach at least this gold weighted F1. */
  floor: unitIntervalSchema,
});
export type GateSettings = z.infer<typeof gateSettingsSchema>;

export const DEFAULT_GATE: GateSettings = { minDelta: 0.002, floor: 0.5 };

/** Bounds of the cross-validation: fewer than 2 folds is no validation, more than 10 is waste. */
export const FOLDS = { min: 2, max: 10 } as const;

export const trainModelInputSchema = z.strictObject({
  /** The snapshot to train on; `snapshotDataset` makes it (the sha256 of its content). */
  datasetVersion: z
    .string({ error: 'must be text' })
    .regex(/^[0-9a-f]{64}$/, { error: 'must be a dataset version: 64 hexadecimal digits' }),
  families: z
    .array(z.enum(ALL_FAMILIES, { error: `must be one of ${ALL_FAMILIES.join(', ')}` }), {
      error: 'must be a list of model families',
    })
    .min(1, { error: 'must name at least one model family' })
    .refine((families) => new Set(families).size === families.length, {
      error: 'must not name a family twice',
    })
    .optional(),
  folds: boundedInt(FOLDS.min, FOLDS.max).optional(),
  seed: seedSchema.optional(),
  /** Share of the training rows to use, for deliberately smaller models; 1 by default. */
  trainFraction: z
    .number({ error: 'must be a number in (0, 1]' })
    .gt(0, { error: 'must be in (0, 1]' })
    .max(1, { error: 'must be in (0, 1]' })
    .optional(),
  gate: gateSettingsSchema.partial().optional(),
  /** Who asked: `workflow`, `cli:<user>`, `api:<token>`, recorded in the audit log. */
  requestedBy: actorSchema.optional(),
  reason: reasonSchema.optional(),
  /** How soon a silent candidate activity counts as lost and is retried elsewhere. */
  heartbeatTimeoutSeconds: boundedInt(1, 3_600).optional(),
  /** The task queue of the training workers; `training` by default. */
  trainingTaskQueue: trainingTaskQueueSchema.optional(),
});
export type TrainModelInput = z.infer<typeof trainModelInputSchema>;

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
