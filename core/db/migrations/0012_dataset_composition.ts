import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A dataset version's rows by source and class (models/data/composition.ts), counted by the
  // snapshot from the rows it writes. Null for versions snapshotted before: the products they
  // were made of may have changed since, so counting them now could tell a wrong story.
  await db.schema.alterTable('dataset_versions').addColumn('composition', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dataset_versions').dropColumn('composition').execute();
}
