import type { Route } from '../../route';
import type { OverviewDeps } from '../../routes/overview';
import { readOverview } from '../../routes/overview';
import { consolePage } from '../page';
import { backlogPercent, every, f1 } from './runs-view';

/** `/ui`: the champion, the controller, ingestion, drift and the schedules at a glance. */
export function overviewPage(deps: OverviewDeps): Route {
  return consolePage(deps.console, {
    path: '/ui',
    operationId: 'consoleOverview',
    summary: 'Console: the deployment at a glance',
    nav: 'overview',
    template: 'overview',
    load: async () => {
      const overview = await readOverview(deps);
      const c = overview.controller;
      return {
        title: 'Overview',
        data: {
          o: overview,
          backlogPercent: backlogPercent(c.backlog, c.backlog_threshold),
          f1,
          every,
        },
      };
    },
  });
}
