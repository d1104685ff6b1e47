import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A snapshot of the labelled rows in the datasets bucket; its version is its content hash.
  await db.schema
    .createTable('dataset_versions')
    .addColumn('version', 'text', (col) => col.primaryKey())
    .addColumn('object_key', 'text', (col) => col.notNull())
    .addColumn('rows', 'integer', (col) => col.notNull())
    .addColumn('gold_rows', 'integer', (col) => col.notNull())
    .addColumn('class_counts', 'jsonb', (col) => col.notNull())
    .addColumn('source_ids', sql`text[]`, (col) => col.notNull())
    .addColumn('batch_ids', sql`text[]`, (col) => col.notNull())
    .addColumn('cutoff', 'timestamptz', (col) => col.notNull())
    .addColumn('bytes', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per trainModel run, claimed when it starts (so a retried run keeps its version) and
  // filled in when it registers.
  await db.schema
    .createTable('model_versions')
    .addColumn('version', 'text', (col) => col.primaryKey())
    .addColumn('workflow_id', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status IN ('training', 'candidate', 'failed')`),
    )
    .addColumn('dataset_version', 'text', (col) =>
      col.notNull().references('dataset_versions.version'),
    )
    .addColumn('family', 'text')
    .addColumn('parameters', 'jsonb')
    .addColumn('seed', 'integer', (col) => col.notNull())
    .addColumn('metrics', 'jsonb')
    .addColumn('gold_weighted_f1', 'double precision')
    .addColumn('git_commit', 'text')
    .addColumn('durations', 'jsonb')
    .addColumn('artifacts', 'jsonb')
    .addColumn('gate', 'jsonb')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('registered_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('model_aliases')
    .addColumn('alias', 'text', (col) => col.primaryKey())
    .addColumn('version', 'text', (col) => col.notNull().references('model_versions.version'))
    .addColumn('previous_version', 'text', (col) => col.references('model_versions.version'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('model_events')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind IN ('registered', 'promoted', 'rejected', 'rolled_back')`),
    )
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('version', 'text', (col) => col.notNull().references('model_versions.version'))
    .addColumn('previous_version', 'text')
    .addColumn('next_version', 'text')
    .addColumn('details', 'jsonb')
    .execute();
  // The audit log is append-only in the database itself, not by convention: whatever client
  // tries to change or remove a row gets an error.
  await sql`
    CREATE FUNCTION model_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'model_events is append-only: % is not allowed', TG_OP;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER model_events_no_change BEFORE UPDATE OR DELETE ON model_events
    FOR EACH ROW EXECUTE FUNCTION model_events_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER model_events_no_truncate BEFORE TRUNCATE ON model_events
    FOR EACH STATEMENT EXECUTE FUNCTION model_events_append_only()`.execute(db);

  await db.schema
    .createTable('retrain_decisions')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('controller_id', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) =>
      col.notNull().check(sql`action IN ('train', 'queue', 'skip', 'done', 'failed')`),
    )
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('training_workflow_id', 'text')
    .addColumn('state', 'jsonb', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'retrain_decisions',
    'model_events',
    'model_aliases',
    'model_versions',
    'dataset_versions',
  ])
    await db.schema.dropTable(table).execute();
  await sql`DROP FUNCTION model_events_append_only()`.execute(db);
}
