import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A registered set of files in the raw bucket: a challenge X file (with an optional Y file) or
  // a simple labelled CSV. Its ID derives from the files' hashes, so importing them again finds it.
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('x_key', 'text', (col) => col.notNull())
    .addColumn('x_sha256', 'text', (col) => col.notNull())
    .addColumn('x_bytes', 'bigint', (col) => col.notNull())
    .addColumn('y_key', 'text')
    .addColumn('y_sha256', 'text')
    .addColumn('header', sql`text[]`, (col) => col.notNull())
    .addColumn('row_count', 'integer', (col) => col.notNull())
    .addColumn('labelled', 'boolean', (col) => col.notNull())
    .addColumn('image_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // Every few thousand rows, where the record starts in the file, so a batch reads its range
  // with one ranged GET instead of scanning the file from the top.
  await db.schema
    .createTable('source_chunks')
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('first_row', 'integer', (col) => col.notNull())
    .addColumn('byte_offset', 'bigint', (col) => col.notNull())
    .addColumn('line', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('source_chunks_pk', ['source_id', 'first_row'])
    .execute();

  // The Y file's labels by the X file's row index, kept as text: an unknown code is a reason to
  // reject its product at ingestion, with the row, not to refuse the file.
  await db.schema
    .createTable('source_labels')
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('row_index', 'text', (col) => col.notNull())
    .addColumn('prdtypecode', 'text', (col) => col.notNull())
    // The label's record number in the Y file: it lines up with the X file's rows, so a chunk
    // reads its labels as one index range.
    .addColumn('y_row', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('source_labels_pk', ['source_id', 'row_index'])
    .execute();
  await db.schema
    .createIndex('source_labels_y_row')
    .on('source_labels')
    .columns(['source_id', 'y_row'])
    .execute();

  await db.schema
    .createTable('source_images')
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('imageid', 'bigint', (col) => col.notNull())
    .addColumn('productid', 'bigint', (col) => col.notNull())
    .addColumn('raw_key', 'text', (col) => col.notNull())
    .addColumn('bytes', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('source_images_pk', ['source_id', 'imageid', 'productid'])
    .execute();

  // The batch ledger: a contiguous row range of one source, its resume point and its counts.
  await db.schema
    .createTable('ingest_batches')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('start_row', 'integer', (col) => col.notNull())
    .addColumn('end_row', 'integer', (col) => col.notNull())
    .addColumn('committed_row', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('workflow_id', 'text', (col) => col.notNull())
    .addColumn('inserted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('images', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('labelled_inserted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('planned_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('touched_at', 'timestamptz')
    .addColumn('committed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('ingest_batches_source_range')
    .on('ingest_batches')
    .columns(['source_id', 'start_row'])
    .unique()
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('row_number', 'integer', (col) => col.notNull())
    .addColumn('line', 'integer', (col) => col.notNull())
    .addColumn('row_index', 'text')
    .addColumn('designation', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('productid', 'bigint')
    .addColumn('imageid', 'bigint')
    .addColumn('prdtypecode', 'integer')
    .addColumn('image_key', 'text')
    .addColumn('batch_id', 'text', (col) => col.notNull())
    .addColumn('ingested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('products_pk', ['source_id', 'row_number'])
    .execute();
  await db.schema
    .createIndex('products_prdtypecode')
    .on('products')
    .column('prdtypecode')
    .execute();

  await db.schema
    .createTable('rejected_rows')
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('row_number', 'integer', (col) => col.notNull())
    .addColumn('line', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('raw_text', 'text', (col) => col.notNull())
    // Only for rows that are not valid UTF-8: the exact bytes, since raw_text cannot hold them.
    .addColumn('raw_bytes', 'bytea')
    .addColumn('batch_id', 'text', (col) => col.notNull())
    .addColumn('rejected_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('rejected_rows_pk', ['source_id', 'row_number'])
    .execute();

  // One row: labelled products ingested since the last training, which retraining consumes.
  await db.schema
    .createTable('retrain_backlog')
    .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('new_labelled_rows', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('since', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`INSERT INTO retrain_backlog (id) VALUES (1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'retrain_backlog',
    'rejected_rows',
    'products',
    'ingest_batches',
    'source_images',
    'source_labels',
    'source_chunks',
    'sources',
  ])
    await db.schema.dropTable(table).execute();
}
