import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../../core/db/connect';
import { BatchStateError, batchOf, commitBatch, planBatches } from './batch-ledger';
import type { BatchCounts, PlannedBatch } from './batch-ledger';
import { SourceFormatError } from './errors';
import { LoadError, loadRange } from './load-range';
import type { ChunkCounts, LoadDeps } from './load-range';
import { loadSample, resetIngestedData } from './reset';
import type { ResetCounts, SampleCounts } from '../../core/contracts/reset-data';
import type { ObjectStore } from '../../core/storage/object-store';

export interface IngestDeps {
  db: Db;
  store: ObjectStore;
  limits: LoadDeps['limits'];
}

/** Errors that a retry cannot fix become non-retryable failures with their message. */
async function failing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof LoadError ||
      error instanceof BatchStateError ||
      error instanceof SourceFormatError
    ) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
    }
    throw error;
  }
}

/** Heartbeats a committed chunk, and stops between chunks when the activity is cancelled. */
function chunkReporter(): (committedRow: number, counts: ChunkCounts) => void {
  const context = Context.current();
  return (committedRow) => {
    context.heartbeat({ committedRow });
    if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
  };
}

export function createIngestActivities({ db, store, limits }: IngestDeps) {
  const deps: LoadDeps = { db, store, limits };
  return {
    async planIngestBatches(input: { workflowId: string; rows: number }): Promise<PlannedBatch[]> {
      return failing(() => planBatches(db, input.workflowId, input.rows));
    },

    /**
     * Loads a ledger batch, resuming after its last committed chunk, then commits it; a batch
     * already committed only reports its counts.
     */
    async loadIngestBatch(
      batchId: string,
    ): Promise<{ counts: BatchCounts; backlog: number; newLabelled: number }> {
      return failing(async () => {
        const batch = await batchOf(db, batchId);
        if (batch.status === 'planned') {
          await loadRange(
            deps,
            {
              sourceId: batch.source_id,
              endRow: batch.end_row,
              batchId,
              ledger: true,
            },
            batch.committed_row,
            chunkReporter(),
          );
        }
        return commitBatch(db, batchId);
      });
    },

    async resetIngestedData(): Promise<ResetCounts> {
      return failing(() => resetIngestedData({ db, store }));
    },

    async loadSampleRows(input: {
      rows: number;
      seed: number;
      batchId: string;
    }): Promise<SampleCounts> {
      return failing(() => loadSample(deps, input, chunkReporter()));
    },
  };
}

export type IngestActivities = ReturnType<typeof createIngestActivities>;
