import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Reasons are sentences with the row's values in them ('productid "12x" is not an integer',
  // 'expected 5 fields, found 7'): their kind is the sentence with its quoted value and its
  // numbers blanked, and with what follows a colon dropped ('not valid CSV: …'). Stored, so the
  // console can filter and count 100,000 rejected rows by kind from an index alone;
  // activities/ingest/rejected-reason-kind.ts computes the same in TypeScript.
  await sql`
    ALTER TABLE rejected_rows ADD COLUMN reason_kind text GENERATED ALWAYS AS (
      regexp_replace(split_part(regexp_replace(reason, '".*"', '"…"'), ':', 1), '[0-9]+', 'N', 'g')
    ) STORED`.execute(db);
  // The browser's order (source, row) within a kind, so a filtered page is read off the index.
  await db.schema
    .createIndex('rejected_rows_reason_kind')
    .on('rejected_rows')
    .columns(['reason_kind', 'source_id', 'row_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rejected_rows_reason_kind').execute();
  await db.schema.alterTable('rejected_rows').dropColumn('reason_kind').execute();
}
