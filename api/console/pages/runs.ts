import type { Route } from '../../route';
import { MODEL_STAGES } from '../../responses/runs';
import { cvHistoryQuery, readCvHistory, readRuns, runsQuery } from '../../routes/runs';
import type { RunsDeps } from '../../routes/runs';
import { jsonBlock } from '../render';
import { consolePage } from '../page';
import { FAMILIES } from '../../../models/train/families';
import { cvHistoryChart, f1, hyperText, listHref, seconds } from './runs-view';

/** `/ui/runs`: every trainModel run, as MLflow lists an experiment's runs, and CV F1 per family. */
export function runsPage(deps: RunsDeps): Route {
  return consolePage(deps.console, {
    path: '/ui/runs',
    operationId: 'consoleRuns',
    summary: 'Console: training runs and CV F1 per family over runs',
    nav: 'runs',
    template: 'runs',
    query: runsQuery,
    load: async (_params, query) => {
      const [page, history] = await Promise.all([
        readRuns(deps, query),
        readCvHistory(deps, cvHistoryQuery.parse({}).limit),
      ]);
      const filters = {
        family: query.family,
        stage: query.stage,
        limit: query.limit === 50 ? undefined : query.limit,
      };
      const previous = page.offset > 0 ? Math.max(0, page.offset - page.limit) : undefined;
      const next = page.offset + page.limit < page.total ? page.offset + page.limit : undefined;
      return {
        title: 'Training runs',
        data: {
          page,
          query,
          families: FAMILIES,
          stages: MODEL_STAGES,
          history,
          chart: jsonBlock(cvHistoryChart(history)),
          previousHref: previous === undefined ? null : listHref('/ui/runs', filters, previous),
          nextHref: next === undefined ? null : listHref('/ui/runs', filters, next),
          f1,
          seconds,
          hyperText,
        },
      };
    },
  });
}
