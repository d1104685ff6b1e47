import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Bearer tokens of the API's operations endpoints: only a hash is kept, and the name is what
  // the audit log records (`api:<name>`).
  await db.schema
    .createTable('api_tokens')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('token_sha256', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  // Every prediction served, written in batches off the response path; drift checks read it.
  await db.schema
    .createTable('prediction_log')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('model_version', 'text', (col) => col.notNull())
    .addColumn('input_sha256', 'text', (col) => col.notNull())
    .addColumn('title_length', 'integer', (col) => col.notNull())
    .addColumn('description_length', 'integer', (col) => col.notNull())
    .addColumn('predicted_code', 'integer', (col) => col.notNull())
    .addColumn('confidence', 'double precision', (col) => col.notNull())
    .addColumn('latency_ms', 'double precision', (col) => col.notNull())
    .addColumn('shadow_version', 'text')
    .addColumn('shadow_code', 'integer')
    .addColumn('shadow_confidence', 'double precision')
    .execute();
  await db.schema.createIndex('prediction_log_at').on('prediction_log').column('at').execute();

  // The sha256 of each artifact, recorded at export: the API checks what it downloads.
  await db.schema.alterTable('model_versions').addColumn('artifact_sha256', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('model_versions').dropColumn('artifact_sha256').execute();
  await db.schema.dropTable('prediction_log').execute();
  await db.schema.dropTable('api_tokens').execute();
}
