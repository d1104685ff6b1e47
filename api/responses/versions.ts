import { z } from 'zod';
import { MODEL_STATUSES } from '../../activities/registry/status';
import { pageOf } from '../schemas';

const modelStatus = z.enum(MODEL_STATUSES);
const f1 = z.number().nullable();

export const versionListItem = z
  .object({
    version: z.string(),
    status: modelStatus,
    family: z.string().nullable(),
    gold_weighted_f1: f1,
    gold_macro_f1: f1,
    dataset_version: z.string(),
    created_at: z.iso.datetime(),
    gate: z
      .object({ promoted: z.boolean(), reason: z.string() })
      .nullable()
      .meta({ description: "the promotion gate's verdict; null before the gate has ruled" }),
    trained_on_demo: z.boolean(),
  })
  .meta({ id: 'VersionListItem' });

export const versionPage = pageOf(versionListItem, 'VersionPage');

export const f1History = z
  .object({
    points: z
      .array(z.object({ version: z.string(), gold_weighted_f1: f1, created_at: z.iso.datetime() }))
      .meta({ description: 'registered versions, oldest first' }),
    champion: z.object({ version: z.string(), gold_weighted_f1: f1 }).nullable(),
  })
  .meta({ id: 'F1History' });

export const championPeriod = z
  .object({
    version: z.string(),
    from: z.iso.datetime(),
    to: z.iso.datetime().nullable().meta({ description: 'null while it is still the champion' }),
    change: z.enum(['promoted', 'promoted_by_gate', 'rolled_back']).meta({
      description: 'what made it champion: a promotion by hand, by the gate, or a rollback',
    }),
    actor: z.string(),
    reason: z.string(),
    previous_version: z.string().nullable(),
  })
  .meta({ id: 'ChampionPeriod' });

export const championHistory = pageOf(championPeriod, 'ChampionHistory');

const versionSide = z.object({
  version: z.string(),
  status: modelStatus,
  family: z.string().nullable(),
  dataset_version: z.string(),
  created_at: z.iso.datetime(),
});

const pair = { a: z.number().nullable(), b: z.number().nullable(), diff: z.number().nullable() };
const keyDiff = z.object({ key: z.string(), a: z.string().nullable(), b: z.string().nullable() });
const matrix = z.array(z.array(z.number()));

export const comparison = z
  .object({
    a: versionSide,
    b: versionSide,
    metrics: z.array(z.object({ metric: z.string(), ...pair })),
    per_class_f1: z
      .array(z.object({ code: z.number().int(), ...pair }))
      .meta({ description: "the cards' holdout F1 per product type code" }),
    confusion: z.object({
      codes: z.array(z.number().int()),
      a: matrix.nullable(),
      b: matrix.nullable(),
      diff: matrix.nullable(),
    }),
    parameters: z.array(keyDiff).meta({ description: 'only the parameters that differ, as JSON' }),
    lineage: z.array(keyDiff).meta({ description: 'only the lineage facts that differ, as JSON' }),
    shadow: z
      .object({
        n: z.number().int(),
        agreement: z.number().min(0).max(1),
        served_by_a: z.number().int(),
      })
      .nullable()
      .meta({ description: 'agreement on the shadow log; null when neither shadowed the other' }),
  })
  .meta({ id: 'Comparison', description: 'two versions side by side; every diff is b − a' });
