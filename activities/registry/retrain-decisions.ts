import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { RetrainDecisionsTable } from '../../core/db/schema';

export type RetrainDecision = Pick<
  Selectable<RetrainDecisionsTable>,
  'at' | 'action' | 'trigger' | 'reason' | 'training_workflow_id'
>;

/** The controller's newest recorded decision: readable even while the controller is down. */
export async function lastRetrainDecision(db: Db): Promise<RetrainDecision | undefined> {
  return db
    .selectFrom('retrain_decisions')
    .select(['at', 'action', 'trigger', 'reason', 'training_workflow_id'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Why each of these trainings ran: the controller's `train` decision naming it, when there is
 * one (a run started by hand has none). One query for a whole page of runs.
 */
export async function triggersOf(
  db: Db,
  workflowIds: readonly string[],
): Promise<Map<string, { trigger: string; reason: string }>> {
  if (workflowIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('retrain_decisions')
    .select(['training_workflow_id', 'trigger', 'reason'])
    .where('training_workflow_id', 'in', [...workflowIds])
    .where('action', '=', 'train')
    .orderBy('id', 'asc')
    .execute();
  const found = new Map<string, { trigger: string; reason: string }>();
  for (const row of rows) {
    // The first decision that started it: a retried start is recorded again, later.
    if (row.training_workflow_id && !found.has(row.training_workflow_id)) {
      found.set(row.training_workflow_id, { trigger: row.trigger, reason: row.reason });
    }
  }
  return found;
}
