import { listChampionHistory } from '../../../activities/registry/champion-history';
import { MAX_F1_HISTORY, readF1History } from '../../../activities/registry/f1-history';
import { listVersionsPage, versionFamilies } from '../../../activities/registry/version-list';
import type { ConsoleDeps } from '../routes';
import { versionQuery } from '../../routes/versions';
import type { Route } from '../../route';
import { pageQuery } from '../../schemas';
import { f1HistoryChart } from '../charts/f1-history';
import { consolePage } from '../page';
import { jsonBlock } from '../render';
import { hrefOf, pagerLinks, sortHeaders } from './table-links';

const PATH = '/ui/models';
/** Champion periods shown at a time. */
const HISTORY_ROWS = 20;

const COLUMNS = [
  { key: 'version', label: 'Version' },
  { key: 'status', label: 'Status' },
  { key: 'family', label: 'Family' },
  { key: 'gold_weighted_f1', label: 'Gold weighted F1', numeric: true },
  { key: 'gold_macro_f1', label: 'Gold macro F1', numeric: true },
  { key: 'created', label: 'Created' },
] as const;

const modelsQuery = versionQuery.extend({ history_offset: pageQuery.offset });

/** Statuses a version may be promoted from: registered, and not the champion already. */
const PROMOTABLE = new Set(['candidate', 'rejected', 'retired']);

/** The registry: every version, the F1 chart, the champion history, promote and roll back. */
export function modelsPage(deps: ConsoleDeps): Route {
  const { db } = deps;
  return consolePage(deps.console, {
    path: PATH,
    operationId: 'consoleModels',
    summary: 'Console: the model registry',
    nav: 'models',
    template: 'models',
    query: modelsQuery,
    load: async (_params, query) => {
      const { history_offset: historyOffset, ...versionsQuery } = query;
      const [versions, history, periods, families] = await Promise.all([
        listVersionsPage(db, versionsQuery),
        readF1History(db, MAX_F1_HISTORY),
        listChampionHistory(db, { offset: historyOffset, limit: HISTORY_ROWS }),
        versionFamilies(db),
      ]);
      // What the links keep: the filters, the sort and both pagers' places.
      const kept = {
        status: query.status,
        family: query.family,
        q: query.q,
        sort: query.sort,
        order: query.order,
        limit: query.limit === 50 ? undefined : query.limit,
        offset: query.offset || undefined,
        history_offset: historyOffset || undefined,
      };
      const champion = history.champion?.version ?? null;
      return {
        title: 'Models',
        data: {
          query,
          families,
          champion: history.champion,
          headers: sortHeaders(PATH, kept, COLUMNS),
          pager: pagerLinks(PATH, kept, versions),
          versions: versions.items.map((v) => ({
            ...v,
            registered: v.status !== 'training' && v.status !== 'failed',
            compareHref:
              champion && champion !== v.version && v.status !== 'training' && v.status !== 'failed'
                ? hrefOf('/ui/compare', { a: champion, b: v.version })
                : null,
          })),
          promotable: versions.items.filter((v) => PROMOTABLE.has(v.status)).map((v) => v.version),
          periods: periods.items,
          historyPager: pagerLinks(PATH, kept, periods, 'history_offset'),
          chartJson: jsonBlock(f1HistoryChart(history)),
          chartPoints: history.points.length,
        },
      };
    },
  });
}
