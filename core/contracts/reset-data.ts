/** Shared by the `resetData` workflow, its activities and `rakuten reset`. */
import { z } from 'zod';
import { boundedInt, seedSchema } from './fields';

/** A sample larger than the challenge's 84,916 rows many times over is a typo. */
export const MAX_RESET_SAMPLE = 1_000_000;

export const resetDataInputSchema = z.strictObject({
  /** Must be true: the workflow deletes every ingested product. */
  confirm: z.boolean({ error: 'must be true or false' }),
  /** Then load a stratified sample of this many labelled rows. */
  sample: boundedInt(1, MAX_RESET_SAMPLE).optional(),
  seed: seedSchema.optional(),
});
export type ResetDataInput = z.infer<typeof resetDataInputSchema>;

/** What a reset removed. */
export interface ResetCounts {
  products: number;
  rejectedRows: number;
  batches: number;
  images: number;
}

/** What the stratified sample after a reset loaded. */
export interface SampleCounts {
  rows: number;
  candidates: number;
}

export interface ResetDataResult {
  deleted: ResetCounts;
  sample?: SampleCounts;
}
