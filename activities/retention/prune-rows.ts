import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { PruneResult, RetentionTable } from '../../core/contracts/retention';

/**
 * Rows deleted per statement: each page is its own short transaction, so pruning a table of
 * millions never holds its locks for long, and serving and ingestion write on meanwhile.
 */
export const PRUNE_PAGE_ROWS = 5_000;

/**
 * Deletes one page of rows of `table` written before `cutoff`, oldest first; returns how many.
 * Rows another transaction holds are skipped, and taken by a later page or run.
 */
export async function prunePage(
  db: Db,
  table: RetentionTable,
  cutoff: Date,
  pageRows = PRUNE_PAGE_ROWS,
): Promise<number> {
  const { rows } =
    table === 'prediction_log'
      ? await sql<{ deleted: number }>`
          WITH old AS (
            SELECT id FROM prediction_log WHERE at < ${cutoff}
            ORDER BY at LIMIT ${pageRows} FOR UPDATE SKIP LOCKED),
          gone AS (DELETE FROM prediction_log p USING old WHERE p.id = old.id RETURNING 1)
          SELECT count(*)::int AS deleted FROM gone`.execute(db)
      : // Only rows of committed batches, counted in their batch as they go, so that `sources
        // show` still finds every row of a committed batch loaded or rejected. A row that is a
        // product too is kept: it is the evidence of a broken load that check reports.
        await sql<{ deleted: number }>`
          WITH old AS (
            SELECT r.source_id, r.row_number FROM rejected_rows r
            JOIN ingest_batches b ON b.id = r.batch_id AND b.status = 'committed'
              AND r.row_number >= b.start_row AND r.row_number < b.end_row
            WHERE r.rejected_at < ${cutoff}
              AND NOT EXISTS (SELECT 1 FROM products p
                              WHERE p.source_id = r.source_id AND p.row_number = r.row_number)
            ORDER BY r.rejected_at LIMIT ${pageRows} FOR UPDATE OF r SKIP LOCKED),
          gone AS (
            DELETE FROM rejected_rows r USING old
            WHERE r.source_id = old.source_id AND r.row_number = old.row_number
            RETURNING r.batch_id),
          tallied AS (
            UPDATE ingest_batches b SET rejected_pruned = b.rejected_pruned + g.n
            FROM (SELECT batch_id, count(*)::int AS n FROM gone GROUP BY batch_id) AS g
            WHERE b.id = g.batch_id
            RETURNING g.n)
          SELECT coalesce(sum(n), 0)::int AS deleted FROM tallied`.execute(db);
  return rows[0]!.deleted;
}

/**
 * Deletes every row of `table` written before `cutoff`, a page at a time, telling `onPage` the
 * running total after each (to heartbeat; it may throw to stop between pages). Running it again
 * finds nothing more to delete: it is idempotent.
 */
export async function pruneTable(
  db: Db,
  table: RetentionTable,
  cutoff: Date,
  onPage: (deleted: number) => void = () => undefined,
  pageRows = PRUNE_PAGE_ROWS,
): Promise<PruneResult> {
  let deleted = 0;
  let pages = 0;
  for (;;) {
    const n = await prunePage(db, table, cutoff, pageRows);
    deleted += n;
    if (n > 0) pages++;
    onPage(deleted);
    // A short page means the rest is gone, or held by another transaction for a later run.
    if (n < pageRows) return { deleted, pages };
  }
}
