import { defineQuery } from '@temporalio/workflow';

/** Shared by the `ingestBatch` workflow, its callers and its schedule. */
export interface IngestBatchInput {
  /** Rows per batch (default 2,000). */
  batchSize?: number;
  /** Keep taking batches until every registered source is fully loaded. */
  all?: boolean;
}

export interface IngestCounts {
  rows: number;
  inserted: number;
  updated: number;
  rejected: number;
  images: number;
}

export interface IngestBatchResult extends IngestCounts {
  /** The ledger IDs of the batches this run loaded, in order. */
  batches: string[];
  /** New labelled rows since the last training, after this run. */
  backlog: number;
}

export const DEFAULT_BATCH_SIZE = 2_000;

/** What an `ingestBatch` run has done so far, for progress bars. */
export interface IngestProgress {
  plannedRows: number;
  loadedRows: number;
  batchesDone: number;
}

export const ingestProgressQuery = defineQuery<IngestProgress>('progress');
