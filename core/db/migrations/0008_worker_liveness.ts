import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per running worker process, refreshed every few seconds and deleted when it stops
  // cleanly: a row not refreshed for a few seconds is a dead worker, long before Temporal forgets its
  // polls (up to ~90 s).
  await db.schema
    .createTable('worker_liveness')
    .addColumn('worker_id', 'text', (col) => col.primaryKey())
    .addColumn('host', 'text', (col) => col.notNull())
    .addColumn('pid', 'integer', (col) => col.notNull())
    .addColumn('queues', sql`text[]`, (col) => col.notNull())
    .addColumn('started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('worker_liveness').execute();
}
