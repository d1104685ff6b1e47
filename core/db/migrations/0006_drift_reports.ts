import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per driftCheck run, keyed by its workflow ID so that a retried activity rewrites
  // its own report instead of adding a second one.
  await db.schema
    .createTable('drift_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('champion_version', 'text')
    .addColumn('dataset_version', 'text')
    .addColumn('window', 'jsonb', (col) => col.notNull())
    .addColumn('result', 'jsonb')
    .addColumn('report_key', 'text')
    .addColumn('signalled_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('drift_reports_created_at')
    .on('drift_reports')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('drift_reports').execute();
}
