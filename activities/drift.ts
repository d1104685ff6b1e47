import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../db/connect';
import { markDriftSignalled } from '../monitoring/drift-reports';
import { DriftInputError, runDriftCheck } from '../monitoring/run-drift-check';
import type { DriftCheckRequest } from '../monitoring/run-drift-check';
import type { ObjectStore } from '../storage/object-store';
import type { DriftCheckResult } from '../workflows/drift-check-types';

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
