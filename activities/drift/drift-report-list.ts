import type { Db } from '../../core/db/connect';
import type { DriftCheckStatus } from '../../core/contracts/drift-check';
import type { DriftSeverity } from '../../core/contracts/drift-severity';

/** One check of the timeline: what it concluded, without its per-feature statistics. */
export interface DriftReportSummary {
  id: string;
  createdAt: Date;
  status: DriftCheckStatus;
  severity: DriftSeverity;
  reason: string;
  championVersion: string | null;
  /** Whether it has an HTML page (it compared data). */
  hasReport: boolean;
}

export interface DriftReportPage {
  total: number;
  offset: number;
  limit: number;
  items: DriftReportSummary[];
}

/**
 * The drift checks newest first, a page at a time; `result` stays unread, as a list needs
 * only the verdict.
 */
export async function listDriftReportsPage(
  db: Db,
  paging: { offset: number; limit: number },
): Promise<DriftReportPage> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('drift_reports')
      .select([
        'id',
        'created_at',
        'status',
        'severity',
        'reason',
        'champion_version',
        'report_key',
      ])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(paging.offset)
      .limit(paging.limit)
      .execute(),
    db
      .selectFrom('drift_reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    offset: paging.offset,
    limit: paging.limit,
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      status: r.status,
      severity: r.severity,
      reason: r.reason,
      championVersion: r.champion_version,
      hasReport: r.report_key !== null,
    })),
  };
}
