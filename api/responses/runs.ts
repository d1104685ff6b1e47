import { z } from 'zod';
import { pageOf } from '../schemas';

export const MODEL_STAGES = ['training', 'registered', 'failed'] as const;

const candidate = z
  .object({
    family: z.string(),
    hyper: z.unknown().meta({ description: 'the hyperparameters cross-validation chose' }),
    cv_weighted_f1: z.number().nullable(),
    seconds: z.number().nullable(),
  })
  .meta({ id: 'RunCandidate' });

export const trainingRun = z
  .object({
    workflow_id: z.string(),
    workflow_url: z.string().nullable().meta({ description: 'its page in the Temporal Web UI' }),
    version: z.string(),
    stage: z.enum(MODEL_STAGES),
    trigger: z.object({
      kind: z.string().meta({ description: "the controller's trigger, or 'manual'" }),
      reason: z.string().nullable(),
    }),
    dataset_version: z.string(),
    seed: z.number().int(),
    candidates: z.array(candidate),
    chosen: z
      .object({
        family: z.string(),
        hyper: z.unknown(),
        temperature: z.number().nullable().meta({ description: 'the calibration applied' }),
        cv: z.record(z.string(), z.unknown()).nullable(),
      })
      .nullable()
      .meta({ description: 'the family refit and calibrated on all rows; null until refit' }),
    folds: z.number().int().nullable(),
    gold_weighted_f1: z.number().nullable(),
    durations: z
      .record(z.string(), z.number())
      .nullable()
      .meta({ description: 'seconds per step' }),
    gate: z.object({ promoted: z.boolean(), reason: z.string() }).nullable(),
    created_at: z.iso.datetime(),
    registered_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TrainingRun', description: 'one trainModel run and the version it claimed' });

export type TrainingRunView = z.output<typeof trainingRun>;

export const trainingRunPage = pageOf(trainingRun, 'TrainingRunPage');

export const cvHistory = z
  .object({
    families: z.array(z.string()),
    runs: z.array(
      z.object({
        version: z.string(),
        created_at: z.iso.datetime(),
        cv_weighted_f1: z
          .record(z.string(), z.number().nullable())
          .meta({ description: 'by family; a family the run did not train is absent' }),
      }),
    ),
  })
  .meta({
    id: 'CvHistory',
    description: 'CV weighted F1 per family of the newest runs, oldest first',
  });

export type CvHistoryView = z.output<typeof cvHistory>;
