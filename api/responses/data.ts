import { z } from 'zod';
import { pageOf } from '../schemas';

const count = z.number().int().min(0);

export const rejectedRow = z
  .object({
    source_id: z.string(),
    source_name: z.string(),
    row_number: z.number().int().meta({ description: "the row's number in its X file, from 0" }),
    line: z.number().int().meta({ description: 'the line of the file it starts on, from 1' }),
    reason: z.string().meta({ description: 'why it was rejected, as ingestion wrote it' }),
    reason_kind: z.string().meta({
      description: 'the reason with its values blanked: what `?reason=` filters on',
    }),
    rejected_at: z.iso.datetime(),
    raw_excerpt: z.string().meta({ description: 'the start of the raw line, as read' }),
    raw_truncated: z.boolean().meta({ description: 'whether the raw line goes on beyond it' }),
  })
  .meta({ id: 'RejectedRow', description: 'a row of a source that ingestion did not load' });

export type RejectedRow = z.output<typeof rejectedRow>;

export const rejectedRowPage = pageOf(rejectedRow, 'RejectedRowPage');

export const reasonKindCount = z
  .object({ kind: z.string(), count })
  .meta({ id: 'RejectedReasonKind' });

export const reasonKindList = z.object({ total: count, kinds: z.array(reasonKindCount) }).meta({
  id: 'RejectedReasonKinds',
  description: 'every reason kind of the kept rejected rows, most frequent first',
});

const sourceRef = z.object({ id: z.string(), name: z.string() }).meta({ id: 'DatasetSource' });

export const datasetVersionSummary = z
  .object({
    version: z.string(),
    rows: count.meta({ description: 'labelled rows, gold holdout included' }),
    gold_rows: count.meta({ description: 'rows of the gold holdout, which no model trains on' }),
    created_at: z.iso.datetime(),
    sources: z.array(sourceRef),
    models: count.meta({ description: 'model versions trained on it' }),
  })
  .meta({ id: 'DatasetVersionSummary' });

export type DatasetVersionSummary = z.output<typeof datasetVersionSummary>;

export const datasetVersionPage = pageOf(datasetVersionSummary, 'DatasetVersionPage');

const datasetModel = z
  .object({
    version: z.string(),
    status: z
      .string()
      .meta({ description: 'champion, candidate, rejected, retired, training or failed' }),
    family: z.string().nullable(),
    gold_weighted_f1: z.number().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'DatasetModel' });

export const datasetVersionDetail = z
  .object({
    version: z.string(),
    rows: count,
    gold_rows: count,
    created_at: z.iso.datetime(),
    cutoff: z.iso.datetime().meta({ description: 'products ingested up to then were read' }),
    bytes: count.meta({ description: 'size of the snapshot file' }),
    sources: z.array(sourceRef),
    classes: z
      .array(z.object({ code: z.number().int(), name: z.string(), rows: count }))
      .meta({ description: 'rows per product type code, every known code listed' }),
    composition: z
      .array(
        z.object({
          source_id: z.string(),
          name: z.string(),
          demo: z.boolean(),
          rows: count,
          gold_rows: count,
          per_class: z.record(z.string(), count),
        }),
      )
      .nullable()
      .meta({ description: 'rows by source and class; null for versions before migration 0012' }),
    models: pageOf(datasetModel, 'DatasetModelPage'),
  })
  .meta({ id: 'DatasetVersionDetail' });

export type DatasetVersionDetail = z.output<typeof datasetVersionDetail>;
