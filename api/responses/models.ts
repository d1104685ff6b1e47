import { z } from 'zod';
import { MODEL_STATUSES } from '../../activities/registry/status';
import type { ModelStage } from '../../core/db/schema';
import { datasetCompositionSchema } from '../../models/data/composition';

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

const trainedOnDemo = z.boolean().meta({
  description: 'whether its dataset holds rows of a source flagged as the synthetic demo catalogue',
});

const datasetComposition = datasetCompositionSchema.meta({
  id: 'DatasetComposition',
  description: "the dataset version's rows by source and by class, as its snapshot counted them",
});

export const modelSummary = z
  .object({
    version: z.string(),
    champion: z.boolean(),
    status: modelStatus,
    family: z.string().nullable(),
    gold_weighted_f1: z.number().nullable(),
    dataset_version: z.string(),
    trained_on_demo: trainedOnDemo,
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'ModelSummary' });

export type ModelSummary = z.output<typeof modelSummary>;

export const modelList = z
  .array(modelSummary)
  .meta({ id: 'ModelList', description: 'every registered version, newest first' });

/** What only a caller of scope operate or admin sees: where things are kept, and what made them. */
const internal = <S extends z.ZodType>(schema: S, what: string) =>
  schema.optional().meta({
    description: `${what}; only for a bearer token of scope operate or admin`,
  });

/**
 * The registry row, the version's status, and the model card from the models bucket. S3 keys,
 * the Temporal workflow ID, the git commit and the library versions are internal: a caller
 * without a token of scope operate gets the rest.
 */
export const modelDetail = z
  .object({
    version: z.string(),
    workflow_id: internal(z.string(), 'the trainModel workflow that made it'),
    stage: modelStage,
    status: modelStatus,
    dataset_version: z.string(),
    family: z.string().nullable(),
    parameters: json.nullable(),
    seed: z.number().int(),
    metrics: json.nullable(),
    gold_weighted_f1: z.number().nullable(),
    git_commit: internal(z.string().nullable(), 'the commit of the code that trained it'),
    durations: z.record(z.string(), z.number()).nullable(),
    artifacts: internal(
      z.record(z.string(), z.string()).nullable(),
      'the S3 keys of its files in the models bucket',
    ),
    artifact_sha256: internal(
      z.record(z.string(), z.string()).nullable(),
      'the sha256 of each file, recorded at export',
    ),
    gate: json.nullable().meta({ description: "the promotion gate's verdict on the version" }),
    created_at: z.iso.datetime(),
    registered_at: z.iso.datetime().nullable(),
    trained_on_demo: trainedOnDemo,
    dataset_composition: datasetComposition.nullable().meta({
      description:
        'what the model was trained on, by source and class; null for a dataset snapshotted before compositions were recorded',
    }),
    card: json.nullable().meta({
      description:
        'the model card: metrics, parameters, holdout; its `packages` (library versions) only for a bearer token of scope operate or admin',
    }),
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
