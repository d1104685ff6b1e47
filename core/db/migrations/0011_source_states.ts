import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A retired source keeps its rows but no longer feeds ingestion or snapshots.
  await db.schema
    .alterTable('sources')
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .defaultTo('active')
        .check(sql`state IN ('active', 'retired')`),
    )
    .addColumn('is_demo', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
  // Deployments from before the flag: `npm start` named its demo source this way, and nothing else.
  await sql`UPDATE sources SET is_demo = true WHERE name LIKE 'demo catalogue (seed %)'`.execute(
    db,
  );

  // The sources' audit log. No foreign key: a deleted source's events must outlive its row, so
  // each event keeps the name and file hashes that identified it.
  await db.schema
    .createTable('source_events')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('source_id', 'text', (col) => col.notNull())
    .addColumn('source_name', 'text', (col) => col.notNull())
    .addColumn('x_sha256', 'text', (col) => col.notNull())
    .addColumn('y_sha256', 'text')
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind IN ('imported', 'retired', 'reactivated', 'deleted')`),
    )
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('details', 'jsonb')
    .execute();
  await db.schema
    .createIndex('source_events_source')
    .on('source_events')
    .columns(['source_id', 'id'])
    .execute();
  // Append-only in the database itself, as model_events is.
  await sql`
    CREATE FUNCTION source_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'source_events is append-only: % is not allowed', TG_OP;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER source_events_no_change BEFORE UPDATE OR DELETE ON source_events
    FOR EACH ROW EXECUTE FUNCTION source_events_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER source_events_no_truncate BEFORE TRUNCATE ON source_events
    FOR EACH STATEMENT EXECUTE FUNCTION source_events_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('source_events').execute();
  await sql`DROP FUNCTION source_events_append_only()`.execute(db);
  await db.schema.alterTable('sources').dropColumn('is_demo').dropColumn('state').execute();
}
