import type { Kysely } from 'kysely';

/**
 * The console's overview and training runs: the newest ingestion is found by `planned_at`, and a
 * page of runs finds the controller's decisions naming its trainings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('ingest_batches_planned_at')
    .on('ingest_batches')
    .column('planned_at')
    .execute();
  await db.schema
    .createIndex('retrain_decisions_training_workflow')
    .on('retrain_decisions')
    .column('training_workflow_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('retrain_decisions_training_workflow').execute();
  await db.schema.dropIndex('ingest_batches_planned_at').execute();
}
