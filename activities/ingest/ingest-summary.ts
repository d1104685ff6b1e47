import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';

/** The newest ingestBatch run: its batches (one per source it read) added up. */
export interface LastIngestion {
  workflowId: string;
  batches: number;
  /** True once every batch of the run committed. */
  committed: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  inserted: number;
  updated: number;
  rejected: number;
}

export interface IngestSummary {
  last: LastIngestion | null;
  /** Rows written and rejected by batches that committed (or last moved) since `since`. */
  today: { since: Date; loaded: number; rejected: number };
}

/** Midnight UTC of the day `now` falls in. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function ingestSummary(db: Db, now = new Date()): Promise<IngestSummary> {
  const since = startOfUtcDay(now);
  const newest = await db
    .selectFrom('ingest_batches')
    .select('workflow_id')
    .orderBy('planned_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const [last, today] = await Promise.all([
    newest
      ? db
          .selectFrom('ingest_batches')
          .select((eb) => [
            eb.fn.countAll<string>().as('batches'),
            sql<boolean>`bool_and(status = 'committed')`.as('committed'),
            eb.fn.min('planned_at').as('started_at'),
            eb.fn.max('committed_at').as('finished_at'),
            sql<string>`coalesce(sum(inserted), 0)`.as('inserted'),
            sql<string>`coalesce(sum(updated), 0)`.as('updated'),
            sql<string>`coalesce(sum(rejected), 0)`.as('rejected'),
          ])
          .where('workflow_id', '=', newest.workflow_id)
          .executeTakeFirstOrThrow()
      : undefined,
    db
      .selectFrom('ingest_batches')
      .select([
        sql<string>`coalesce(sum(inserted + updated), 0)`.as('loaded'),
        sql<string>`coalesce(sum(rejected), 0)`.as('rejected'),
      ])
      .where(sql<Date>`coalesce(committed_at, touched_at, planned_at)`, '>=', since)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    last:
      newest && last
        ? {
            workflowId: newest.workflow_id,
            batches: Number(last.batches),
            committed: last.committed,
            startedAt: last.started_at,
            finishedAt: last.finished_at,
            inserted: Number(last.inserted),
            updated: Number(last.updated),
            rejected: Number(last.rejected),
          }
        : null,
    today: { since, loaded: Number(today.loaded), rejected: Number(today.rejected) },
  };
}
