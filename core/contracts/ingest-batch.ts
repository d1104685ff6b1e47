import { defineQuery } from '@temporalio/workflow';
import { z } from 'zod';
import { boundedInt } from './fields';

/** Shared by the `ingestBatch` workflow, its callers and its schedule. */
export const DEFAULT_BATCH_SIZE = 2_000;
/** Rows one run plans at a time: 40 ledger batches of 25,000. */
export const MAX_BATCH_SIZE = 1_000_000;

const count = boundedInt(0, Number.MAX_SAFE_INTEGER);

const ingestCountsSchema = z.strictObject({
  rows: count,
  inserted: count,
  updated: count,
  rejected: count,
  images: count,
});
export type IngestCounts = z.infer<typeof ingestCountsSchema>;

const ingestBatchResultSchema = ingestCountsSchema.extend({
  /** The ledger IDs of the batches this run loaded, in order. */
  batches: z.array(z.string().max(200)),
  /** New labelled rows since the last training, after this run. */
  backlog: count,
});
export type IngestBatchResult = z.infer<typeof ingestBatchResultSchema>;

export const ingestBatchInputSchema = z.strictObject({
  /** Rows per batch (default 2,000). */
  batchSize: boundedInt(1, MAX_BATCH_SIZE).optional(),
  /** Keep taking batches until every registered source is fully loaded. */
  all: z.boolean({ error: 'must be true or false' }).optional(),
  /** What the run before a continue-as-new had done. */
  carried: ingestBatchResultSchema.optional(),
});
export type IngestBatchInput = z.infer<typeof ingestBatchInputSchema>;

/** What an `ingestBatch` run has done so far, for progress bars. */
export interface IngestProgress {
  plannedRows: number;
  loadedRows: number;
  batchesDone: number;
}

export const ingestProgressQuery = defineQuery<IngestProgress>('progress');
