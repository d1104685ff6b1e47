import { z } from 'zod';
import { getDatasetVersion } from '../../activities/datasets/dataset-detail';
import type { DatasetVersionDetail as DatasetDetailRow } from '../../activities/datasets/dataset-detail';
import { listDatasetVersionsPage } from '../../activities/datasets/dataset-versions-page';
import type { DatasetVersionSummary as DatasetSummaryRow } from '../../activities/datasets/dataset-versions-page';
import {
  listRejectedReasonKinds,
  listRejectedRowsPage,
} from '../../activities/ingest/rejected-rows-page';
import type { RejectedRowItem } from '../../activities/ingest/rejected-rows-page';
import type { Db } from '../../core/db/connect';
import { sourceIdSchema } from '../../core/contracts/source-state';
import { ApiError } from '../errors';
import {
  datasetVersionDetail,
  datasetVersionPage,
  rejectedRowPage,
  reasonKindList,
} from '../responses/data';
import type { DatasetVersionDetail, DatasetVersionSummary, RejectedRow } from '../responses/data';
import { errorResponse } from '../responses/errors';
import { route } from '../route';
import type { Route } from '../route';
import { pageQuery } from '../schemas';

/** The longest reason kind a filter takes: kinds are short sentences. */
const MAX_KIND_CHARS = 500;

// A filter form sends its empty fields as `?reason=&source=`: empty means no filter.
const reasonFilter = z
  .string()
  .max(MAX_KIND_CHARS)
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .meta({
    description: 'a reason kind, as GET /rejected-rows/reasons lists them',
    example: 'designation is empty',
  });

const sourceFilter = z
  .union([z.literal(''), sourceIdSchema])
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .meta({ description: 'a source ID: only its rows', example: 'src-0123456789ab' });

export const rejectedRowsQuery = z.object({
  ...pageQuery,
  reason: reasonFilter,
  source: sourceFilter,
});

export const reasonKindsQuery = z.object({ source: sourceFilter });

export const datasetParams = z.object({
  version: z
    .string()
    .max(64)
    .meta({ description: 'a dataset version', example: 'ds-20261127-0001' }),
});

export function presentRejectedRow(row: RejectedRowItem): RejectedRow {
  return {
    source_id: row.sourceId,
    source_name: row.sourceName,
    row_number: row.rowNumber,
    line: row.line,
    reason: row.reason,
    reason_kind: row.reasonKind,
    rejected_at: row.rejectedAt.toISOString(),
    raw_excerpt: row.excerpt,
    raw_truncated: row.truncated,
  };
}

export function presentDatasetSummary(row: DatasetSummaryRow): DatasetVersionSummary {
  return {
    version: row.version,
    rows: row.rows,
    gold_rows: row.goldRows,
    created_at: row.createdAt.toISOString(),
    sources: row.sources,
    models: row.models,
  };
}

export function presentDatasetDetail(row: DatasetDetailRow): DatasetVersionDetail {
  return {
    version: row.version,
    rows: row.rows,
    gold_rows: row.goldRows,
    created_at: row.createdAt.toISOString(),
    cutoff: row.cutoff.toISOString(),
    bytes: row.bytes,
    sources: row.sources,
    classes: row.classes,
    composition: row.composition,
    models: {
      ...row.models,
      items: row.models.items.map((m) => ({
        version: m.version,
        status: m.status,
        family: m.family,
        gold_weighted_f1: m.goldWeightedF1,
        created_at: m.createdAt.toISOString(),
      })),
    },
  };
}

/** A dataset version, or the 404 that names it. */
export async function datasetOr404(
  db: Db,
  version: string,
  models: { offset: number; limit: number },
): Promise<DatasetDetailRow> {
  const dataset = await getDatasetVersion(db, version, models);
  if (!dataset) throw new ApiError(404, 'not_found', `there is no dataset version ${version}`);
  return dataset;
}

/** What ingestion kept out and what snapshots made of the rest: rejected rows and datasets. */
export function dataRoutes({ db }: { db: Db }): Route[] {
  return [
    route({
      method: 'get',
      path: '/rejected-rows/reasons',
      operationId: 'listRejectedReasonKinds',
      summary: 'The kinds of reasons rows were rejected for, with their counts',
      tag: 'data',
      auth: 'none',
      query: reasonKindsQuery,
      responses: {
        200: { description: 'most frequent first', body: reasonKindList },
      },
      handler: async (_req, res, _body, _params, query) => {
        const kinds = await listRejectedReasonKinds(db, { sourceId: query.source });
        res.json({ total: kinds.reduce((sum, k) => sum + k.count, 0), kinds });
      },
    }),
    route({
      method: 'get',
      path: '/rejected-rows',
      operationId: 'listRejectedRows',
      summary: 'Rejected rows a page at a time, by reason kind and source',
      tag: 'data',
      auth: 'none',
      query: rejectedRowsQuery,
      responses: {
        200: { description: 'one page of rows', body: rejectedRowPage },
      },
      handler: async (_req, res, _body, _params, query) => {
        const page = await listRejectedRowsPage(db, { ...query, sourceId: query.source });
        res.json({ ...page, items: page.items.map(presentRejectedRow) });
      },
    }),
    route({
      method: 'get',
      path: '/datasets',
      operationId: 'listDatasets',
      summary: 'Dataset versions newest first, with their sources and the models trained on them',
      tag: 'data',
      auth: 'none',
      query: z.object({ ...pageQuery }),
      responses: {
        200: { description: 'one page of versions', body: datasetVersionPage },
      },
      handler: async (_req, res, _body, _params, query) => {
        const page = await listDatasetVersionsPage(db, query);
        res.json({ ...page, items: page.items.map(presentDatasetSummary) });
      },
    }),
    route({
      method: 'get',
      path: '/datasets/:version',
      operationId: 'getDataset',
      summary: 'One dataset version: its class distribution, composition and models',
      tag: 'data',
      auth: 'none',
      params: datasetParams,
      query: z.object({ ...pageQuery }),
      responses: {
        200: { description: 'the version', body: datasetVersionDetail },
        404: errorResponse('no such dataset version'),
      },
      handler: async (_req, res, _body, { version }, query) => {
        res.json(presentDatasetDetail(await datasetOr404(db, version, query)));
      },
    }),
  ];
}
