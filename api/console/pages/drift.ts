import { z } from 'zod';
import { getDriftReport } from '../../../activities/drift/drift-reports';
import { listDriftReportsPage } from '../../../activities/drift/drift-report-list';
import type { Db } from '../../../core/db/connect';
import { ApiError } from '../../errors';
import type { Route } from '../../route';
import { driftReportUrl } from '../../routes/drift';
import { MAX_REPORT_ID_CHARS, pageQuery } from '../../schemas';
import { consolePage } from '../page';
import type { ConsoleContext } from '../page';
import { jsonBlock } from '../render';
import {
  driftTimelineOption,
  featureChartHeight,
  featurePlotOption,
  SEVERITY_COLOURS,
} from './drift-charts';
import { pager } from './data-pager';
import { driftResultView, pValue, stat } from './drift-view';

export interface DriftPagesDeps {
  db: Db;
  console: ConsoleContext;
}

const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

const idParams = z.object({
  id: z.string().max(MAX_REPORT_ID_CHARS).meta({ description: 'a drift report ID' }),
});

/** `/ui/drift`: the timeline of checks; `/ui/drift/:id`: one check, feature by feature. */
export function driftPages({ db, console: context }: DriftPagesDeps): Route[] {
  return [
    consolePage(context, {
      path: '/ui/drift',
      operationId: 'consoleDrift',
      summary: 'Console: the drift checks over time, coloured by severity',
      nav: 'drift',
      template: 'drift',
      query: z.object({ ...pageQuery }),
      load: async (_params, query) => {
        const page = await listDriftReportsPage(db, query);
        const points = page.items.map((r) => ({
          id: r.id,
          at: r.createdAt.toISOString(),
          severity: r.severity,
          status: r.status,
        }));
        return {
          title: 'Drift',
          data: {
            page,
            chartJson: jsonBlock(driftTimelineOption(points)),
            colours: SEVERITY_COLOURS,
            pager: pager(
              '/ui/drift',
              { limit: query.limit },
              { ...page, shown: page.items.length },
            ),
            minute,
            reportUrl: driftReportUrl,
          },
        };
      },
    }),
    consolePage(context, {
      path: '/ui/drift/:id',
      operationId: 'consoleDriftCheck',
      summary: "Console: one drift check, every feature's reference against current",
      nav: 'drift',
      template: 'drift-check',
      params: idParams,
      errors: { 404: 'no such drift report' },
      load: async ({ id }) => {
        const report = await getDriftReport(db, id);
        if (!report) throw new ApiError(404, 'not_found', `there is no drift report ${id}`);
        const view = driftResultView(report.result);
        return {
          title: `Drift check ${report.id}`,
          data: {
            r: report,
            view,
            features: view.features.map((f, i) => ({
              ...f,
              chartId: `feature-chart-${i}`,
              chartJson: f.plot ? jsonBlock(featurePlotOption(f.displayName, f.plot)) : null,
              chartHeight: f.plot ? featureChartHeight(f.plot) : 0,
            })),
            reportUrl: report.report_key ? driftReportUrl(report.id) : null,
            colours: SEVERITY_COLOURS,
            minute,
            stat,
            pValue,
          },
        };
      },
    }),
  ];
}
