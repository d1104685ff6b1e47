import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../../core/db/connect';
import { RETENTION_TABLES } from '../../core/contracts/retention';
import type { PruneRequest, PruneResult } from '../../core/contracts/retention';
import { pruneTable } from './prune-rows';

/** The retention schedule's activities, on the pipeline task queue. */
export function createRetentionActivities({ db }: { db: Db }) {
  return {
    /**
     * Deletes the rows of one table written before the cutoff, in pages, heartbeating after
     * each. A retry carries on where the last one stopped, and its count with it.
     */
    async pruneExpiredRows(request: PruneRequest): Promise<PruneResult> {
      const cutoff = new Date(request.cutoff);
      if (!RETENTION_TABLES.includes(request.table) || Number.isNaN(cutoff.getTime())) {
        throw ApplicationFailure.nonRetryable(
          `cannot prune ${String(request.table)} before ${String(request.cutoff)}`,
          'BadPruneRequest',
        );
      }
      const context = Context.current();
      const before = previousCount(context.info.heartbeatDetails);
      const result = await pruneTable(db, request.table, cutoff, (deleted) => {
        context.heartbeat({ deleted: before + deleted });
        if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
      });
      return { deleted: before + result.deleted, pages: result.pages };
    },
  };
}

function previousCount(details: unknown): number {
  const deleted = (details as { deleted?: unknown } | undefined)?.deleted;
  return typeof deleted === 'number' && Number.isSafeInteger(deleted) && deleted > 0 ? deleted : 0;
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
