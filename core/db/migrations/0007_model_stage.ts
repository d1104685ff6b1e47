import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * `model_versions.status` said how far a run had got (training, candidate, failed), so a champion
 * read as a "candidate". It becomes `stage` (training, registered, failed); what a version is
 * (champion, candidate, rejected, retired) is read from the alias, the gate and the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('model_versions').renameColumn('status', 'stage').execute();
  await db.schema
    .alterTable('model_versions')
    .dropConstraint('model_versions_status_check')
    .execute();
  await sql`UPDATE model_versions SET stage = 'registered' WHERE stage = 'candidate'`.execute(db);
  await db.schema
    .alterTable('model_versions')
    .addCheckConstraint(
      'model_versions_stage_check',
      sql`stage IN ('training', 'registered', 'failed')`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('model_versions')
    .dropConstraint('model_versions_stage_check')
    .execute();
  await sql`UPDATE model_versions SET stage = 'candidate' WHERE stage = 'registered'`.execute(db);
  await db.schema.alterTable('model_versions').renameColumn('stage', 'status').execute();
  await db.schema
    .alterTable('model_versions')
    .addCheckConstraint(
      'model_versions_status_check',
      sql`status IN ('training', 'candidate', 'failed')`,
    )
    .execute();
}
