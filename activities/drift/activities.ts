import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../../core/db/connect';
import { markDriftSignalled } from './drift-reports';
import { DriftInputError, runDriftCheck } from './run-drift-check';
import type { DriftCheckRequest } from './run-drift-check';
import type { ObjectStore } from '../../core/storage/object-store';
import type { DriftCheckResult } from '../../core/contracts/drift-check';

/** The drift check's activities, on the pipeline task queue. */
export function createDriftActivities({ db, store }: { db: Db; store: ObjectStore }) {
  return {
    async checkDrift(request: DriftCheckRequest): Promise<DriftCheckResult> {
      const context = Context.current();
      try {
        return await runDriftCheck({ db, store }, request, (step) => context.heartbeat({ step }));
      } catch (error) {
        if (error instanceof DriftInputError)
          throw ApplicationFailure.nonRetryable(error.message, error.name);
        throw error;
      }
    },

    async markDriftSignalled(reportId: string): Promise<void> {
      await markDriftSignalled(db, reportId);
    },
  };
}

export type DriftActivities = ReturnType<typeof createDriftActivities>;
