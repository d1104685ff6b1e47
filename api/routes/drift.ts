import { Router } from 'express';
import type { Db } from '../../core/db/connect';
import { getDriftReport, latestDriftReport } from '../../activities/drift/drift-reports';
import type { DriftReportRow } from '../../activities/drift/drift-reports';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';
import { ApiError } from '../errors';

function present(report: DriftReportRow) {
  return {
    id: report.id,
    created_at: report.created_at.toISOString(),
    status: report.status,
    severity: report.severity,
    reason: report.reason,
    champion_version: report.champion_version,
    dataset_version: report.dataset_version,
    window: report.window,
    signalled_at: report.signalled_at?.toISOString() ?? null,
    report_url: report.report_key ? `/drift/${encodeURIComponent(report.id)}/report` : null,
    result: report.result,
  };
}

/** The drift reports that `driftCheck` records: the newest, one by ID, and its HTML page. */
export function driftRouter({ db, store }: { db: Db; store: ObjectStore }): Router {
  const router = Router();

  router.get('/drift/latest', async (_req, res) => {
    const report = await latestDriftReport(db);
    if (!report) {
      throw new ApiError(
        404,
        'not_found',
        'no drift check has run yet: run `npx rakuten drift check` or wait for the drift-every-2h schedule',
      );
    }
    res.json(present(report));
  });

  router.get('/drift/:id', async (req, res) => {
    const id = String(req.params.id);
    const report = await getDriftReport(db, id);
    if (!report) throw new ApiError(404, 'not_found', `there is no drift report ${id}`);
    res.json(present(report));
  });

  router.get('/drift/:id/report', async (req, res) => {
    const id = String(req.params.id);
    const report = await getDriftReport(db, id);
    if (!report) throw new ApiError(404, 'not_found', `there is no drift report ${id}`);
    if (!report.report_key) {
      throw new ApiError(404, 'not_found', `drift report ${id} has no HTML page: ${report.reason}`);
    }
    res.type('html').send(await readObject(store, store.buckets.reports, report.report_key));
  });

  return router;
}
