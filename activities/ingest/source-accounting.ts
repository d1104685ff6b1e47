import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';

export interface SourceAccount {
  id: string;
  name: string;
  format: string;
  labelled: boolean;
  rows: number;
  images: number;
  loaded: number;
  rejected: number;
  /** Rows of committed batches: each must be loaded or rejected. */
  committedRows: number;
  /** Rows of committed batches found loaded or rejected. */
  accounted: number;
  /** Rows both loaded and rejected: must be 0. */
  both: number;
  pending: number;
  ok: boolean;
}

/**
 * The check that nothing was lost: for every source, each row of a committed batch is either a
 * product or a rejected row, and none is both.
 */
export async function accountSources(db: Db, sourceId?: string): Promise<SourceAccount[]> {
  const { rows } = await sql<Omit<SourceAccount, 'pending' | 'ok'>>`
    SELECT s.id, s.name, s.format, s.labelled, s.row_count AS rows, s.image_count AS images,
      (SELECT count(*)::int FROM products p WHERE p.source_id = s.id) AS loaded,
      (SELECT count(*)::int FROM rejected_rows r WHERE r.source_id = s.id) AS rejected,
      (SELECT coalesce(sum(b.end_row - b.start_row), 0)::int FROM ingest_batches b
         WHERE b.source_id = s.id AND b.status = 'committed') AS "committedRows",
      (SELECT count(*)::int FROM (
         SELECT p.row_number FROM products p WHERE p.source_id = s.id
         UNION ALL
         SELECT r.row_number FROM rejected_rows r WHERE r.source_id = s.id) AS x
       WHERE EXISTS (SELECT 1 FROM ingest_batches b WHERE b.source_id = s.id
                       AND b.status = 'committed'
                       AND x.row_number >= b.start_row AND x.row_number < b.end_row)) AS accounted,
      (SELECT count(*)::int FROM products p JOIN rejected_rows r USING (source_id, row_number)
         WHERE p.source_id = s.id) AS both
    FROM sources s
    WHERE ${sourceId ?? null}::text IS NULL OR s.id = ${sourceId ?? null}
    ORDER BY s.created_at, s.id`.execute(db);
  return rows.map((r) => ({
    ...r,
    pending: r.rows - r.committedRows,
    ok: r.accounted === r.committedRows && r.both === 0,
  }));
}
