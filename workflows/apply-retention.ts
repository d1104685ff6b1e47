import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities/retention/activities';
import { applyRetentionInputSchema } from '../core/contracts/retention';
import type {
  ApplyRetentionInput,
  ApplyRetentionResult,
  TableRetention,
} from '../core/contracts/retention';
import { parseInput } from './parse-input';
import { retentionPlan } from './retention-plan';

// Pages are short and heartbeat; a dead worker's prune is retried elsewhere after 30 s, and
// resumes: what its pages deleted stays deleted.
const { pruneExpiredRows } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/**
 * Deletes `prediction_log` and `rejected_rows` rows older than their number of days (0: keeps
 * them), as the `retention-daily` schedule asks. Idempotent: a second run the same day finds
 * nothing more to delete. The input is parsed here, whoever sent it: a wrong value fails the
 * run at once, naming the field.
 */
export async function applyRetention(given: ApplyRetentionInput): Promise<ApplyRetentionResult> {
  const input = parseInput(applyRetentionInputSchema, given);
  const tables: TableRetention[] = [];
  for (const plan of retentionPlan(input, new Date())) {
    const cutoff = plan.cutoff?.toISOString() ?? null;
    const deleted = cutoff ? (await pruneExpiredRows({ table: plan.table, cutoff })).deleted : 0;
    tables.push({ table: plan.table, days: plan.days, cutoff, deleted });
  }
  return { tables };
}
