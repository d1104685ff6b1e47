import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The registry table's default order, newest first, and the F1 chart's last versions.
  await db.schema
    .createIndex('model_versions_created_at')
    .on('model_versions')
    .columns(['created_at', 'version'])
    .execute();
  // A version's status asks whether it ever held the alias: one probe per version listed.
  await db.schema
    .createIndex('model_events_champion_changes')
    .on('model_events')
    .column('next_version')
    .where(sql.ref('kind'), 'in', ['promoted', 'rolled_back'])
    .execute();
  // Agreement of two versions on the shadow log, without reading every prediction.
  await db.schema
    .createIndex('prediction_log_shadowed')
    .on('prediction_log')
    .columns(['model_version', 'shadow_version'])
    .where(sql.ref('shadow_version'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('prediction_log_shadowed').execute();
  await db.schema.dropIndex('model_events_champion_changes').execute();
  await db.schema.dropIndex('model_versions_created_at').execute();
}
