import { z } from 'zod';
import type { Db } from '../../core/db/connect';
import { getDriftReport, latestDriftReport } from '../../activities/drift/drift-reports';
import { listDriftReportsPage } from '../../activities/drift/drift-report-list';
import type { DriftReportSummary as DriftSummaryRow } from '../../activities/drift/drift-report-list';
import type { DriftReportRow } from '../../activities/drift/drift-reports';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';
import { ApiError } from '../errors';
import { driftReport, driftReportPage } from '../responses/drift';
import type { DriftReport, DriftReportSummary } from '../responses/drift';
import { errorResponse } from '../responses/errors';
import { route } from '../route';
import type { Route } from '../route';
import { MAX_REPORT_ID_CHARS, pageQuery } from '../schemas';
import { sendPage } from '../security-headers';

export function presentDriftReport(report: DriftReportRow): DriftReport {
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
    report_url: report.report_key ? driftReportUrl(report.id) : null,
    result: report.result,
  };
}

/** The HTML page of a report, when it compared data. */
export function driftReportUrl(id: string): string {
  return `/drift/${encodeURIComponent(id)}/report`;
}

/** A check of the timeline as the API answers it. */
export function presentDriftSummary(report: DriftSummaryRow): DriftReportSummary {
  return {
    id: report.id,
    created_at: report.createdAt.toISOString(),
    status: report.status,
    severity: report.severity,
    reason: report.reason,
    champion_version: report.championVersion,
    report_url: report.hasReport ? driftReportUrl(report.id) : null,
  };
}

const idParams = z.object({
  id: z
    .string()
    .max(MAX_REPORT_ID_CHARS)
    .meta({ description: 'a drift report ID', example: 'drift-scheduled-2026-11-28T10:00:00Z' }),
});

/**
 * The drift reports that `driftCheck` records: all of them a page at a time, the newest, one
 * by ID, and its HTML page.
 */
export function driftRoutes({ db, store }: { db: Db; store: ObjectStore }): Route[] {
  return [
    route({
      method: 'get',
      path: '/drift',
      operationId: 'listDrift',
      summary: 'The drift checks, newest first, without their per-feature statistics',
      tag: 'drift',
      auth: 'none',
      query: z.object({ ...pageQuery }),
      responses: {
        200: { description: 'one page of checks', body: driftReportPage },
      },
      handler: async (_req, res, _body, _params, query) => {
        const page = await listDriftReportsPage(db, query);
        res.json({ ...page, items: page.items.map(presentDriftSummary) });
      },
    }),
    route({
      method: 'get',
      path: '/drift/latest',
      operationId: 'getLatestDrift',
      summary: 'The newest drift report',
      tag: 'drift',
      auth: 'none',
      responses: {
        200: { description: 'the report', body: driftReport },
        404: errorResponse('no drift check has run yet'),
      },
      handler: async (_req, res) => {
        const report = await latestDriftReport(db);
        if (!report) {
          throw new ApiError(
            404,
            'not_found',
            'no drift check has run yet: run `npx rakuten drift check` or wait for the drift-every-2h schedule',
          );
        }
        res.json(presentDriftReport(report));
      },
    }),
    route({
      method: 'get',
      path: '/drift/:id',
      operationId: 'getDrift',
      summary: 'One drift report',
      tag: 'drift',
      auth: 'none',
      params: idParams,
      responses: {
        200: { description: 'the report', body: driftReport },
        404: errorResponse('no such drift report'),
      },
      handler: async (_req, res, _body, { id }) => {
        const report = await getDriftReport(db, id);
        if (!report) throw new ApiError(404, 'not_found', `there is no drift report ${id}`);
        res.json(presentDriftReport(report));
      },
    }),
    route({
      method: 'get',
      path: '/drift/:id/report',
      operationId: 'getDriftReport',
      summary: 'The drift report as an HTML page, reference against current for every feature',
      tag: 'drift',
      auth: 'none',
      params: idParams,
      responses: {
        200: { description: 'an HTML page', body: 'text/html' },
        404: errorResponse('no such drift report, or one without data to plot'),
      },
      handler: async (_req, res, _body, { id }) => {
        const report = await getDriftReport(db, id);
        if (!report) throw new ApiError(404, 'not_found', `there is no drift report ${id}`);
        if (!report.report_key) {
          throw new ApiError(
            404,
            'not_found',
            `drift report ${id} has no HTML page: ${report.reason}`,
          );
        }
        sendPage(res, await readObject(store, store.buckets.reports, report.report_key), 'report');
      },
    }),
  ];
}
