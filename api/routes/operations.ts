import type { Db } from '../../core/db/connect';
import { promoteModel, rollbackModel } from '../../activities/registry/champion';
import type { ModelManager } from '../serving/model-manager';
import type { ObjectStore } from '../../core/storage/object-store';
import { errorResponse } from '../responses/errors';
import { promotion, retrainAccepted, rollback } from '../responses/operations';
import type { Promotion, RetrainAccepted, Rollback } from '../responses/operations';
import { actorOf } from '../auth';
import { route } from '../route';
import type { Auth, Route } from '../route';
import { reasonInput, retrainInput, rollbackInput, versionParams } from '../schemas';

export interface OperationsRoutesDeps {
  db: Db;
  store: ObjectStore;
  manager: ModelManager;
  /** Asks the retraining controller for a training. */
  requestRetrain: (by: string, reason: string) => Promise<string>;
}

const OPERATE: Auth = { scope: 'operate' };

/**
 * What changes what serves: rollback, promote and retrain, each behind a bearer token of scope
 * operate, whose name the audit log records as the actor (`api:<name>`).
 */
export function operationsRoutes(deps: OperationsRoutesDeps): Route[] {
  const { db, store, manager } = deps;
  return [
    route({
      method: 'post',
      path: '/models/rollback',
      operationId: 'rollbackModel',
      summary: 'Give the champion alias back to the previous champion',
      tag: 'operations',
      auth: OPERATE,
      body: rollbackInput,
      responses: {
        200: { description: 'the alias moved back', body: rollback },
        409: errorResponse(
          'there is no previous champion, it cannot serve, or it was trained on a source retired since and force is not true',
        ),
      },
      handler: async (_req, res, { reason, force }) => {
        const change = await rollbackModel(
          { db, store },
          { actor: actorOf(res), reason, force: force === true },
        );
        void manager.refresh();
        res.json({
          champion: change.version,
          previous: change.previous,
          forced: change.forced === true,
        } satisfies Rollback);
      },
    }),
    route({
      method: 'post',
      path: '/models/:version/promote',
      operationId: 'promoteModel',
      summary: 'Make a model version the champion',
      tag: 'operations',
      auth: OPERATE,
      params: versionParams,
      body: reasonInput,
      responses: {
        200: { description: 'the alias moved, or already was there', body: promotion },
        404: errorResponse('no such model version'),
        409: errorResponse('the version cannot serve (not registered, or artifacts missing)'),
      },
      handler: async (_req, res, { reason }, { version }) => {
        const change = await promoteModel({ db, store }, { version, actor: actorOf(res), reason });
        void manager.refresh();
        res.json({
          champion: change.version,
          previous: change.previous,
          changed: change.changed,
        } satisfies Promotion);
      },
    }),
    route({
      method: 'post',
      path: '/retrain',
      operationId: 'retrain',
      summary: 'Ask the retraining controller for a training',
      tag: 'operations',
      auth: OPERATE,
      body: retrainInput.optional(),
      responses: { 202: { description: 'asked', body: retrainAccepted } },
      handler: async (_req, res, body) => {
        const controller = await deps.requestRetrain(
          actorOf(res),
          body?.reason ?? 'asked for through the API',
        );
        res.status(202).json({ requested: true, controller } satisfies RetrainAccepted);
      },
    }),
  ];
}
