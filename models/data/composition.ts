import { z } from 'zod';

const count = z.number().int().nonnegative();

/** One source's share of a dataset version, as the snapshot counted it. */
export const sourceCompositionSchema = z.object({
  source_id: z.string(),
  name: z.string().meta({
    description: "the source's name when the snapshot was taken: it outlives a deleted source",
  }),
  demo: z.boolean().meta({
    description: 'whether the source was the synthetic demo catalogue when the snapshot was taken',
  }),
  rows: count.meta({ description: 'its labelled rows in the dataset, gold holdout included' }),
  gold_rows: count.meta({ description: 'its rows in the gold holdout, which no model trains on' }),
  per_class: z
    .record(z.string(), count)
    .meta({ description: 'its rows by product type code (prdtypecode)' }),
});

export type SourceComposition = z.output<typeof sourceCompositionSchema>;

/** A dataset version's rows by source, in source order. */
export const datasetCompositionSchema = z.array(sourceCompositionSchema);

export type DatasetComposition = SourceComposition[];

/** Whether any of the dataset's rows came from the demo catalogue. */
export function hasDemoRows(composition: DatasetComposition): boolean {
  return composition.some((source) => source.demo && source.rows > 0);
}
