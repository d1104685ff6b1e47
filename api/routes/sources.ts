import { z } from 'zod';
import { accountSources } from '../../activities/ingest/source-accounting';
import { deleteSource } from '../../activities/sources/delete-source';
import { reactivateSource, retireSource } from '../../activities/sources/source-state';
import type { StateChange } from '../../activities/sources/source-state';
import type { Db } from '../../core/db/connect';
import { MAX_REASON_CHARS } from '../../core/contracts/fields';
import { sourceIdSchema, sourceReasonSchema } from '../../core/contracts/source-state';
import type { ObjectStore } from '../../core/storage/object-store';
import { actorOf } from '../auth';
import { errorResponse } from '../responses/errors';
import { sourceDeleted, sourceList, sourceStateChange } from '../responses/sources';
import type { SourceDeleted, SourceStateChange, SourceSummary } from '../responses/sources';
import { route } from '../route';
import type { Auth, Route } from '../route';
import { reasonInput } from '../schemas';

export interface SourcesRoutesDeps {
  db: Db;
  store: ObjectStore;
}

const OPERATE: Auth = { scope: 'operate' };

const sourceParams = z.object({
  id: sourceIdSchema.meta({ description: 'a source ID', example: 'src-0123456789ab' }),
});

// A delete cannot be undone: the body says so explicitly, as `rakuten sources delete` needs --yes.
const deleteSourceInput = z
  .object({
    reason: sourceReasonSchema.meta({
      description: `why, for the audit log; at most ${MAX_REASON_CHARS} characters`,
    }),
    confirm: z.literal(true, {
      error: "must be true: delete removes the source's products, rejected rows, labels and images",
    }),
  })
  .meta({ id: 'DeleteSourceInput' });

const stateAnswer = (change: StateChange): SourceStateChange => ({
  id: change.sourceId,
  state: change.state,
  changed: change.changed,
});

/**
 * The data sources: anyone may read their states and counts; retiring, reactivating and
 * deleting one need a bearer token of scope operate, whose name the audit log records.
 */
export function sourcesRoutes({ db, store }: SourcesRoutesDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/sources',
      operationId: 'listSources',
      summary: 'List the data sources, their states and counts',
      tag: 'sources',
      auth: 'none',
      responses: { 200: { description: 'oldest first', body: sourceList } },
      handler: async (_req, res) => {
        const accounts = await accountSources(db);
        res.json(
          accounts.map((a): SourceSummary => ({
            id: a.id,
            name: a.name,
            state: a.state,
            is_demo: a.isDemo,
            labelled: a.labelled,
            rows: a.rows,
            loaded: a.loaded,
            rejected: a.rejected,
            pending: a.pending,
            images: a.images,
          })),
        );
      },
    }),
    route({
      method: 'post',
      path: '/sources/:id/retire',
      operationId: 'retireSource',
      summary: 'Leave a source out of ingestion and of the next snapshots',
      tag: 'sources',
      auth: OPERATE,
      params: sourceParams,
      body: reasonInput,
      responses: {
        200: { description: 'retired, or already was', body: sourceStateChange },
        404: errorResponse('no such source'),
      },
      handler: async (_req, res, { reason }, { id }) => {
        const change = await retireSource(db, { sourceId: id, actor: actorOf(res), reason });
        res.json(stateAnswer(change));
      },
    }),
    route({
      method: 'post',
      path: '/sources/:id/reactivate',
      operationId: 'reactivateSource',
      summary: 'Let a retired source feed ingestion and snapshots again',
      tag: 'sources',
      auth: OPERATE,
      params: sourceParams,
      body: reasonInput,
      responses: {
        200: { description: 'active, or already was', body: sourceStateChange },
        404: errorResponse('no such source'),
      },
      handler: async (_req, res, { reason }, { id }) => {
        const change = await reactivateSource(db, { sourceId: id, actor: actorOf(res), reason });
        res.json(stateAnswer(change));
      },
    }),
    route({
      method: 'delete',
      path: '/sources/:id',
      operationId: 'deleteSource',
      summary: "Remove a source's products, rejected rows, labels and images",
      description: 'Its audit events stay. Importing its files again works as a first import.',
      tag: 'sources',
      auth: OPERATE,
      params: sourceParams,
      body: deleteSourceInput,
      responses: {
        200: { description: 'deleted', body: sourceDeleted },
        404: errorResponse('no such source'),
        409: errorResponse(
          'the source is being ingested: retire it, then delete it once the batch ends',
        ),
      },
      handler: async (_req, res, { reason }, { id }) => {
        const deleted = await deleteSource(
          { db, store },
          { sourceId: id, actor: actorOf(res), reason },
        );
        res.json({
          id: deleted.sourceId,
          products: deleted.products,
          rejected_rows: deleted.rejectedRows,
          batches: deleted.batches,
          labels: deleted.labels,
          images: deleted.images,
          objects_removed: deleted.objects,
        } satisfies SourceDeleted);
      },
    }),
  ];
}
