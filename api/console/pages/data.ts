import { z } from 'zod';
import { listDatasetVersionsPage } from '../../../activities/datasets/dataset-versions-page';
import {
  listRejectedReasonKinds,
  listRejectedRowsPage,
} from '../../../activities/ingest/rejected-rows-page';
import { accountSources } from '../../../activities/ingest/source-accounting';
import { listSourceNames } from '../../../activities/sources/source-names';
import type { Db } from '../../../core/db/connect';
import type { Route } from '../../route';
import { datasetOr404, datasetParams, rejectedRowsQuery } from '../../routes/data';
import { pageQuery } from '../../schemas';
import { consolePage } from '../page';
import type { ConsoleContext } from '../page';
import { jsonBlock } from '../render';
import { classDistributionOption } from './dataset-charts';
import { pageHref, pager } from './data-pager';

export interface DataPagesDeps {
  db: Db;
  console: ConsoleContext;
}

const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** `/ui/data`, `/ui/data/rejected` and `/ui/datasets/:version`. */
export function dataPages({ db, console: context }: DataPagesDeps): Route[] {
  return [
    consolePage(context, {
      path: '/ui/data',
      operationId: 'consoleData',
      summary: 'Console: sources, rejected rows by reason and dataset versions',
      nav: 'data',
      template: 'data',
      query: z.object({ ...pageQuery }),
      load: async (_params, query) => {
        const [sources, kinds, datasets] = await Promise.all([
          accountSources(db),
          listRejectedReasonKinds(db),
          listDatasetVersionsPage(db, query),
        ]);
        return {
          title: 'Data',
          data: {
            sources,
            kinds: kinds.map((k) => ({
              ...k,
              href: pageHref('/ui/data/rejected', { reason: k.kind }),
            })),
            rejectedTotal: kinds.reduce((sum, k) => sum + k.count, 0),
            datasets,
            datasetsPager: pager(
              '/ui/data',
              { limit: query.limit },
              {
                ...datasets,
                shown: datasets.items.length,
              },
            ),
            day,
          },
        };
      },
    }),
    consolePage(context, {
      path: '/ui/data/rejected',
      operationId: 'consoleRejectedRows',
      summary: 'Console: rejected rows, filtered by reason kind and source',
      nav: 'data',
      template: 'data-rejected',
      query: rejectedRowsQuery,
      load: async (_params, query) => {
        const [page, kinds, sources] = await Promise.all([
          listRejectedRowsPage(db, { ...query, sourceId: query.source }),
          listRejectedReasonKinds(db),
          listSourceNames(db),
        ]);
        const filters = { reason: query.reason, source: query.source };
        return {
          title: 'Rejected rows',
          data: {
            page,
            kinds,
            sources,
            filters,
            pager: pager(
              '/ui/data/rejected',
              { ...filters, limit: query.limit },
              {
                ...page,
                shown: page.items.length,
              },
            ),
            day,
          },
        };
      },
    }),
    consolePage(context, {
      path: '/ui/datasets/:version',
      operationId: 'consoleDataset',
      summary: 'Console: one dataset version, its class distribution and its models',
      nav: 'data',
      template: 'dataset',
      params: datasetParams,
      query: z.object({ ...pageQuery }),
      errors: { 404: 'no such dataset version' },
      load: async ({ version }, query) => {
        const dataset = await datasetOr404(db, version, query);
        return {
          title: `Dataset ${dataset.version}`,
          data: {
            d: dataset,
            chartJson: jsonBlock(classDistributionOption(dataset.classes)),
            chartHeight: Math.max(320, 40 + dataset.classes.length * 22),
            modelsPager: pager(
              `/ui/datasets/${encodeURIComponent(dataset.version)}`,
              { limit: query.limit },
              { ...dataset.models, shown: dataset.models.items.length },
            ),
            day,
          },
        };
      },
    }),
  ];
}
