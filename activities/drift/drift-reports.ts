import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { DriftReportsTable } from '../../core/db/schema';

export type DriftReportRow = Selectable<DriftReportsTable>;

export type NewDriftReport = Omit<DriftReportRow, 'created_at' | 'signalled_at'>;

/** Writes a report under its ID; a retried check rewrites its own row instead of adding one. */
export async function saveDriftReport(db: Db, report: NewDriftReport): Promise<void> {
  const values = {
    ...report,
    window: JSON.stringify(report.window),
    result: report.result === null ? null : JSON.stringify(report.result),
  };
  await db
    .insertInto('drift_reports')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function markDriftSignalled(db: Db, id: string): Promise<void> {
  await db
    .updateTable('drift_reports')
    .set({ signalled_at: new Date() })
    .where('id', '=', id)
    .where('signalled_at', 'is', null)
    .execute();
}

export async function getDriftReport(db: Db, id: string): Promise<DriftReportRow | undefined> {
  return db.selectFrom('drift_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest report, or the newest that compared data (`status: 'ok'`). */
export async function latestDriftReport(
  db: Db,
  options: { comparedOnly?: boolean } = {},
): Promise<DriftReportRow | undefined> {
  let query = db.selectFrom('drift_reports').selectAll();
  if (options.comparedOnly) query = query.where('status', '=', 'ok');
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}
