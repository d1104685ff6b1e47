import { z } from 'zod';
import { MODEL_STATUSES } from '../../activities/registry/status';
import type { ModelStage } from '../../core/db/schema';

/** Open-ended JSON the registry stores (metrics, parameters, the card): documented as objects. */
const json = z.record(z.string(), z.unknown());

const modelStatus = z.enum(MODEL_STATUSES).meta({
  description:
    'champion, candidate, rejected or retired; training or failed for a run that did not register',
});

// Keyed by the schema's union, so a stage added there and not here fails to compile.
const modelStage = z
  .enum({
    training: 'training',
    registered: 'registered',
    failed: 'failed',
  } satisfies { [S in ModelStage]: S })
  .meta({ description: 'how far the training run got with the version' });

export const modelSummary = z
  .object({
    version: z.string(),
    champion: z.boolean(),
    status: modelStatus,
    family: z.string().nullable(),
    gold_weighted_f1: z.number().nullable(),
    dataset_version: z.string(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'ModelSummary' });

export type ModelSummary = z.output<typeof modelSummary>;

export const modelList = z
  .array(modelSummary)
  .meta({ id: 'ModelList', description: 'every registered version, newest first' });

/** The registry row as stored, the version's status, and the model card from the models bucket. */
export const modelDetail = z
  .object({
    version: z.string(),
    workflow_id: z.string(),
    stage: modelStage,
    status: modelStatus,
    dataset_version: z.string(),
    family: z.string().nullable(),
    parameters: json.nullable(),
    seed: z.number().int(),
    metrics: json.nullable(),
    gold_weighted_f1: z.number().nullable(),
    git_commit: z.string().nullable(),
    durations: z.record(z.string(), z.number()).nullable(),
    artifacts: z.record(z.string(), z.string()).nullable(),
    artifact_sha256: z.record(z.string(), z.string()).nullable(),
    gate: json.nullable().meta({ description: "the promotion gate's verdict on the version" }),
    created_at: z.iso.datetime(),
    registered_at: z.iso.datetime().nullable(),
    card: json.nullable().meta({ description: 'the model card: metrics, parameters, holdout' }),
  })
  .meta({ id: 'ModelDetail' });

export const activeModel = z
  .object({
    version: z.string(),
    loaded_at: z.iso.datetime(),
    codes: z.array(z.number().int()).meta({ description: 'the product type codes it predicts' }),
    family: z.string(),
    shadow: z
      .object({ version: z.string() })
      .nullable()
      .meta({ description: 'the version scoring a sample of requests off the response path' }),
  })
  .meta({ id: 'ActiveModel', description: 'the version this process serves' });

export type ActiveModel = z.output<typeof activeModel>;
