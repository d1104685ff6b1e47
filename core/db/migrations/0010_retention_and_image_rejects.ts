import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The retention schedule deletes rejected rows by age, a page at a time, oldest first.
  await db.schema
    .createIndex('rejected_rows_rejected_at')
    .on('rejected_rows')
    .column('rejected_at')
    .execute();

  // Rejected rows a batch lost to retention. `rakuten sources show` counts them as rejected, so
  // "every row of a committed batch is loaded or rejected" still adds up once their text is gone.
  await db.schema
    .alterTable('ingest_batches')
    .addColumn('rejected_pruned', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  // Files of `rakuten import --images` that were not stored, with the reason, as rejected_rows
  // keeps the rows that were not loaded. Keyed by the name in the folder or ZIP, so importing the
  // same location again updates the reason rather than adding a second row.
  await db.schema
    .createTable('image_rejects')
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`kind IN ('symlink', 'not_regular', 'too_large', 'not_image', 'unsafe_name', 'unreadable')`,
        ),
    )
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('rejected_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('image_rejects_pk', ['source_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('image_rejects').execute();
  await db.schema.alterTable('ingest_batches').dropColumn('rejected_pruned').execute();
  await db.schema.dropIndex('rejected_rows_rejected_at').execute();
}
