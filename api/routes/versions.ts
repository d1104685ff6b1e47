import { z } from 'zod';
import { listChampionHistory } from '../../activities/registry/champion-history';
import { compareVersions, SameVersionError } from '../../activities/registry/comparison';
import type { Comparison } from '../../activities/registry/comparison';
import { MAX_F1_HISTORY, readF1History } from '../../activities/registry/f1-history';
import { MODEL_STATUSES } from '../../activities/registry/status';
import { listVersionsPage, VERSION_SORTS } from '../../activities/registry/version-list';
import type { Db } from '../../core/db/connect';
import type { ObjectStore } from '../../core/storage/object-store';
import { ApiError } from '../errors';
import { errorResponse } from '../responses/errors';
import { championHistory, comparison, f1History, versionPage } from '../responses/versions';
import { route } from '../route';
import type { Route } from '../route';
import { pageQuery } from '../schemas';

const version = z.string().max(64);

/** The registry table's query: paging, sort and filters, shared with the Models page. */
export const versionQuery = z.object({
  ...pageQuery,
  sort: z.enum(VERSION_SORTS).default('created'),
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z.enum(MODEL_STATUSES).optional(),
  family: z.string().max(64).optional(),
  q: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'a substring of the version or dataset version' }),
});

export const compareQuery = z.object({
  a: version.meta({ description: 'the version compared against' }),
  b: version.meta({ description: 'the version compared; differences are b − a' }),
});

/** Two versions compared, or the 400 for comparing one with itself. */
export async function comparePair(
  deps: { db: Db; store: ObjectStore },
  a: string,
  b: string,
): Promise<Comparison> {
  try {
    return await compareVersions(deps, a, b);
  } catch (error) {
    if (error instanceof SameVersionError)
      throw new ApiError(400, 'invalid_request', error.message);
    throw error;
  }
}

/** The registry for the console: paged versions, the F1 history, champion periods, comparisons. */
export function versionsRoutes({ db, store }: { db: Db; store: ObjectStore }): Route[] {
  return [
    route({
      method: 'get',
      path: '/versions',
      operationId: 'listVersions',
      summary: 'Model versions, paged, sorted and filtered',
      tag: 'models',
      auth: 'none',
      query: versionQuery,
      responses: {
        200: { description: 'one page of versions', body: versionPage },
      },
      handler: async (_req, res, _body, _params, query) => {
        res.json(await listVersionsPage(db, query));
      },
    }),
    route({
      method: 'get',
      path: '/versions/f1-history',
      operationId: 'getF1History',
      summary: 'Gold weighted F1 across versions, and the champion',
      tag: 'models',
      auth: 'none',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(MAX_F1_HISTORY).default(MAX_F1_HISTORY),
      }),
      responses: {
        200: { description: 'the newest registered versions, oldest first', body: f1History },
      },
      handler: async (_req, res, _body, _params, { limit }) => {
        res.json(await readF1History(db, limit));
      },
    }),
    route({
      method: 'get',
      path: '/champion-history',
      operationId: 'getChampionHistory',
      summary: 'Who was champion when, and who promoted or rolled back',
      tag: 'models',
      auth: 'none',
      query: z.object(pageQuery),
      responses: {
        200: { description: 'champion periods, newest first', body: championHistory },
      },
      handler: async (_req, res, _body, _params, query) => {
        res.json(await listChampionHistory(db, query));
      },
    }),
    route({
      method: 'get',
      path: '/compare',
      operationId: 'compareVersions',
      summary: 'Two model versions side by side',
      tag: 'models',
      auth: 'none',
      query: compareQuery,
      responses: {
        200: { description: 'their differences, b − a', body: comparison },
        400: errorResponse('a version missing, or both the same'),
        404: errorResponse('no such model version'),
      },
      handler: async (_req, res, _body, _params, { a, b }) => {
        res.json(await comparePair({ db, store }, a, b));
      },
    }),
  ];
}
