import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { Db } from '../../core/db/connect';
import { championOf, promoteModel, rollbackModel } from '../../activities/registry/champion';
import { getModel, listModels } from '../../activities/registry/versions';
import type { ModelManager } from '../serving/model-manager';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';
import { ApiError } from '../errors';
import { reasonInput, retrainInput } from '../schemas';

export interface ModelsRouterDeps {
  db: Db;
  store: ObjectStore;
  manager: ModelManager;
  /** Guards the operations endpoints. */
  auth: RequestHandler;
  /** Asks the retraining controller for a training. */
  requestRetrain: (by: string, reason: string) => Promise<string>;
}

/** Registry reads (open) and operations (behind a bearer token, recorded with its name). */
export function modelsRouter(deps: ModelsRouterDeps): Router {
  const { db, store, manager, auth } = deps;
  const router = Router();

  router.get('/models', async (_req, res) => {
    const [models, champion] = await Promise.all([listModels(db), championOf(db)]);
    res.json(
      models.map((m) => ({
        version: m.version,
        champion: m.version === champion?.version,
        status: m.status,
        family: m.family,
        gold_weighted_f1: m.gold_weighted_f1,
        dataset_version: m.dataset_version,
        created_at: m.created_at.toISOString(),
      })),
    );
  });

  router.get('/models/active', (_req, res) => {
    const active = manager.active;
    if (!active) {
      throw new ApiError(503, 'no_model', 'no model is loaded yet', null, { 'Retry-After': '30' });
    }
    res.json({
      version: active.version,
      loaded_at: active.loadedAt.toISOString(),
      codes: active.card.codes,
      family: active.card.family,
      shadow: manager.shadow ? { version: manager.shadow.version } : null,
    });
  });

  router.get('/models/:version', async (req, res) => {
    const model = await getModel(db, String(req.params.version));
    const cardKey = model.artifacts?.card;
    const card = cardKey
      ? (JSON.parse(
          (await readObject(store, store.buckets.models, cardKey)).toString('utf8'),
        ) as unknown)
      : null;
    res.json({ ...model, card });
  });

  router.get('/models/:version/report', async (req, res) => {
    const model = await getModel(db, String(req.params.version));
    const key = model.artifacts?.report;
    if (!key) throw new ApiError(404, 'not_found', `${model.version} has no report`);
    res.type('html').send(await readObject(store, store.buckets.models, key));
  });

  router.post('/models/rollback', auth, async (req, res) => {
    const { reason } = reasonInput.parse(req.body);
    const change = await rollbackModel({ db, store }, { actor: String(res.locals.actor), reason });
    void manager.refresh();
    res.json({ champion: change.version, previous: change.previous });
  });

  router.post('/models/:version/promote', auth, async (req, res) => {
    const { reason } = reasonInput.parse(req.body);
    const change = await promoteModel(
      { db, store },
      { version: String(req.params.version), actor: String(res.locals.actor), reason },
    );
    void manager.refresh();
    res.json({ champion: change.version, previous: change.previous, changed: change.changed });
  });

  router.post('/retrain', auth, async (req, res) => {
    const { reason } = retrainInput.parse(req.body ?? {});
    const controller = await deps.requestRetrain(
      String(res.locals.actor),
      reason ?? 'asked for through the API',
    );
    res.status(202).json({ requested: true, controller });
  });

  return router;
}
