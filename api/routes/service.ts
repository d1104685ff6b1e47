import { Router } from 'express';
import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { ServingMetrics } from '../serving/metrics';
import type { ModelManager } from '../serving/model-manager';
import type { HealthReport } from '../health';

export interface ServiceRouterDeps {
  health: () => Promise<HealthReport>;
  db: Db;
  manager: ModelManager;
  metrics: ServingMetrics;
}

/** /health (the components), /ready (can this process answer predictions) and /metrics. */
export function serviceRouter(deps: ServiceRouterDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const report = await deps.health();
    res.status(report.status === 'up' ? 200 : 503).json(report);
  });
  router.get('/ready', async (_req, res) => {
    const model = deps.manager.active?.version ?? null;
    let database = true;
    try {
      await sql`select 1`.execute(deps.db);
    } catch {
      database = false;
    }
    const ready = model !== null && database;
    res.status(ready ? 200 : 503).json({ ready, model, database });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
