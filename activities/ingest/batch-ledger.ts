import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';

export interface PlannedBatch {
  id: string;
  sourceId: string;
  startRow: number;
  endRow: number;
}

export interface BatchCounts {
  rows: number;
  inserted: number;
  updated: number;
  rejected: number;
  images: number;
}

/** Ledger batches are at most this long, so one batch's retry never redoes much. */
export const MAX_LEDGER_BATCH_ROWS = 25_000;

/**
 * A planned batch untouched this long is taken over by the next run: its own run died (a live
 * one commits a chunk within seconds, and Temporal retries a dead worker's activity after the
 * 20 s heartbeat timeout).
 */
export const STALE_AFTER_SECONDS = 300;

/** Held by a planner, and by whatever must not run beside one (deleting a source). */
export const PLANNER_LOCK = 'rakuten.ingest.plan';

const toPlanned = (b: { id: string; source_id: string; start_row: number; end_row: number }) => ({
  id: b.id,
  sourceId: b.source_id,
  startRow: b.start_row,
  endRow: b.end_row,
});

/**
 * Plans the next `rows` rows of the active sources (oldest source first) as ledger batches
 * owned by `workflowId`. Idempotent for one workflow: asked again, it returns what it planned
 * and has not committed. Stale batches of a run that died are taken over first: loading is
 * resumable and keyed, so finishing them here is safe; a live run's batches are left to it.
 */
export async function planBatches(
  db: Db,
  workflowId: string,
  rows: number,
  maxBatchRows = MAX_LEDGER_BATCH_ROWS,
): Promise<PlannedBatch[]> {
  return db.transaction().execute(async (trx) => {
    // One planner at a time: two must not hand out the same rows.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${PLANNER_LOCK}))`.execute(trx);
    // This run's own open batches (a retried plan), and those of runs that died: untouched for
    // longer than a loading activity may go without committing a chunk. A dead run's batch of a
    // retired source waits for its reactivation.
    const open = await trx
      .selectFrom('ingest_batches')
      .select(['id', 'source_id', 'start_row', 'end_row', 'workflow_id'])
      .where('status', '=', 'planned')
      .where((eb) =>
        eb.or([
          eb('workflow_id', '=', workflowId),
          eb.and([
            eb(
              sql`coalesce(touched_at, planned_at)`,
              '<',
              sql<Date>`now() - ${`${STALE_AFTER_SECONDS} seconds`}::interval`,
            ),
            eb(
              'source_id',
              'in',
              eb.selectFrom('sources').select('id').where('state', '=', 'active'),
            ),
          ]),
        ]),
      )
      .orderBy('planned_at')
      .orderBy('source_id')
      .orderBy('start_row')
      .execute();
    if (open.length > 0) {
      await trx
        .updateTable('ingest_batches')
        // Taken over now: fresh for this run, not stale for the next planner.
        .set({ workflow_id: workflowId, touched_at: sql<Date>`now()` })
        .where(
          'id',
          'in',
          open.map((b) => b.id),
        )
        .execute();
      return open.map(toPlanned);
    }
    const sources = await trx
      .selectFrom('sources as s')
      .leftJoin('ingest_batches as b', 'b.source_id', 's.id')
      .select(['s.id', 's.row_count', sql<number>`coalesce(max(b.end_row), 0)::int`.as('next_row')])
      .where('s.state', '=', 'active')
      .groupBy(['s.id', 's.row_count', 's.created_at'])
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
    const planned: PlannedBatch[] = [];
    let budget = rows;
    for (const source of sources) {
      let next = source.next_row;
      while (budget > 0 && next < source.row_count) {
        const n = Math.min(budget, maxBatchRows, source.row_count - next);
        planned.push({
          id: `${source.id}:${next}`,
          sourceId: source.id,
          startRow: next,
          endRow: next + n,
        });
        next += n;
        budget -= n;
      }
      if (budget === 0) break;
    }
    if (planned.length > 0) {
      await trx
        .insertInto('ingest_batches')
        .values(
          planned.map((b) => ({
            id: b.id,
            source_id: b.sourceId,
            start_row: b.startRow,
            end_row: b.endRow,
            committed_row: b.startRow,
            status: 'planned' as const,
            workflow_id: workflowId,
          })),
        )
        .execute();
    }
    return planned;
  });
}

export class BatchStateError extends Error {
  override name = 'BatchStateError';
}

/**
 * Marks a fully loaded batch committed and adds its new labelled rows to the retraining backlog,
 * both in one transaction and only on the first call, so a retry cannot count them twice.
 */
export async function commitBatch(
  db: Db,
  batchId: string,
): Promise<{ counts: BatchCounts; backlog: number; newLabelled: number }> {
  return db.transaction().execute(async (trx) => {
    const batch = await trx
      .selectFrom('ingest_batches')
      .selectAll()
      .where('id', '=', batchId)
      .forUpdate()
      .executeTakeFirst();
    if (!batch) throw new BatchStateError(`batch ${batchId} is not in the ledger`);
    if (batch.status === 'planned') {
      if (batch.committed_row !== batch.end_row) {
        throw new BatchStateError(
          `batch ${batchId} is loaded up to row ${batch.committed_row} of ${batch.end_row}`,
        );
      }
      await trx
        .updateTable('ingest_batches')
        .set({ status: 'committed', committed_at: new Date() })
        .where('id', '=', batchId)
        .execute();
      await trx
        .updateTable('retrain_backlog')
        .set({ new_labelled_rows: sql<number>`new_labelled_rows + ${batch.labelled_inserted}` })
        .where('id', '=', 1)
        .execute();
    }
    const backlog = await trx
      .selectFrom('retrain_backlog')
      .select('new_labelled_rows')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return {
      counts: {
        rows: batch.end_row - batch.start_row,
        inserted: batch.inserted,
        updated: batch.updated,
        rejected: batch.rejected,
        images: batch.images,
      },
      backlog: Number(backlog.new_labelled_rows),
      // Only the call that committed the batch added its rows to the backlog.
      newLabelled: batch.status === 'planned' ? batch.labelled_inserted : 0,
    };
  });
}

/** Where a batch stands: loading resumes from its committed row. */
export async function batchOf(db: Db, batchId: string) {
  const batch = await db
    .selectFrom('ingest_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw new BatchStateError(`batch ${batchId} is not in the ledger`);
  return batch;
}
