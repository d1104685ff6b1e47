import type { Db } from '../../core/db/connect';
import { lineageOf, withLineage } from '../../activities/registry/lineage';
import { readModelCard } from '../../activities/registry/model-card';
import { getModelWithStatus, withStatus } from '../../activities/registry/status';
import type { ModelStatus } from '../../activities/registry/status';
import { getModel, listModels } from '../../activities/registry/versions';
import type { ModelVersionRow } from '../../activities/registry/versions';
import type { ModelManager } from '../serving/model-manager';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';
import { callerMay } from '../auth';
import { ApiError } from '../errors';
import { errorResponse, RETRY_AFTER } from '../responses/errors';
import { activeModel, modelDetail, modelList } from '../responses/models';
import type { ActiveModel, ModelSummary } from '../responses/models';
import { sendPage } from '../security-headers';
import { route } from '../route';
import type { Route } from '../route';
import { versionParams } from '../schemas';

/** A version as anyone may see it: no S3 keys, workflow ID, commit or library versions. */
function publicDetail(
  model: ModelVersionRow & { status: ModelStatus },
  card: Record<string, unknown> | null,
): object {
  const {
    workflow_id: _workflow,
    git_commit: _commit,
    artifacts: _keys,
    artifact_sha256: _sha256,
    ...open
  } = model;
  const { packages: _packages, ...openCard } = card ?? {};
  return { ...open, card: card && openCard };
}

export interface ModelsRoutesDeps {
  db: Db;
  store: ObjectStore;
  manager: ModelManager;
}

/** The registry, read: every version, the one this process serves, one version and its report. */
export function modelsRoutes({ db, store, manager }: ModelsRoutesDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/models',
      operationId: 'listModels',
      summary: 'List registered model versions',
      tag: 'models',
      auth: 'none',
      responses: { 200: { description: 'newest first, the champion marked', body: modelList } },
      handler: async (_req, res) => {
        const models = await withLineage(db, await withStatus(db, await listModels(db)));
        res.json(
          models.map((m): ModelSummary => ({
            version: m.version,
            champion: m.status === 'champion',
            status: m.status,
            family: m.family,
            gold_weighted_f1: m.gold_weighted_f1,
            dataset_version: m.dataset_version,
            trained_on_demo: m.lineage.trainedOnDemo,
            created_at: m.created_at.toISOString(),
          })),
        );
      },
    }),
    // Before /models/:version, which would take `active` for a version.
    route({
      method: 'get',
      path: '/models/active',
      operationId: 'getActiveModel',
      summary: 'The model serving predictions',
      tag: 'models',
      auth: 'none',
      responses: {
        200: { description: 'the model, and the shadow if any', body: activeModel },
        503: errorResponse('no model is loaded yet', RETRY_AFTER),
      },
      handler: (_req, res) => {
        const active = manager.active;
        if (!active) {
          throw new ApiError(503, 'no_model', 'no model is loaded yet', null, {
            'Retry-After': '30',
          });
        }
        res.json({
          version: active.version,
          loaded_at: active.loadedAt.toISOString(),
          codes: active.card.codes,
          family: active.card.family,
          shadow: manager.shadow ? { version: manager.shadow.version } : null,
        } satisfies ActiveModel);
      },
    }),
    route({
      method: 'get',
      path: '/models/:version',
      operationId: 'getModel',
      summary: 'One model version, with its card and metrics',
      tag: 'models',
      auth: { reveals: 'operate' },
      params: versionParams,
      responses: {
        200: { description: 'the registry entry and the model card', body: modelDetail },
        404: errorResponse('no such model version'),
      },
      handler: async (_req, res, _body, { version }) => {
        const row = await getModelWithStatus(db, version);
        const lineage = await lineageOf(db, row.dataset_version);
        const model = {
          ...row,
          trained_on_demo: lineage.trainedOnDemo,
          dataset_composition: lineage.composition,
        };
        const card = await readModelCard(store, model);
        res.json(callerMay(res, 'operate') ? { ...model, card } : publicDetail(model, card));
      },
    }),
    route({
      method: 'get',
      path: '/models/:version/report',
      operationId: 'getModelReport',
      summary: "The model version's evaluation report",
      tag: 'models',
      auth: 'none',
      params: versionParams,
      responses: {
        200: { description: 'an HTML page', body: 'text/html' },
        404: errorResponse('no such model version, or one without a report'),
      },
      handler: async (_req, res, _body, { version }) => {
        const model = await getModel(db, version);
        const key = model.artifacts?.report;
        if (!key) throw new ApiError(404, 'not_found', `${model.version} has no report`);
        sendPage(res, await readObject(store, store.buckets.models, key), 'report');
      },
    }),
  ];
}
