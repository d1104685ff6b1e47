import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { Logger } from '../../core/logging/logger';
import type { ServingMetrics } from '../serving/metrics';
import type { ModelManager } from '../serving/model-manager';
import { callerMay } from '../auth';
import type { HealthReport } from '../health';
import { healthLogger, statusesOnly } from '../health-disclosure';
import { healthReport, readiness } from '../responses/service';
import type { Readiness } from '../responses/service';
import { route } from '../route';
import type { Route } from '../route';

export interface ServiceRoutesDeps {
  health: () => Promise<HealthReport>;
  db: Db;
  manager: ModelManager;
  metrics: ServingMetrics;
  logger: Logger;
}

/** /health (the components), /ready (can this process answer predictions) and /metrics. */
export function serviceRoutes(deps: ServiceRoutesDeps): Route[] {
  const logHealth = healthLogger(deps.logger);
  return [
    route({
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness, with each component probed',
      description:
        "Each component's status and latency; its detail and error text only for a bearer token of scope operate or admin (the server logs them).",
      tag: 'service',
      auth: { reveals: 'operate' },
      responses: {
        200: { description: 'every component is up', body: healthReport },
        503: { description: 'a component is down', body: healthReport },
      },
      handler: async (_req, res) => {
        const report = await deps.health();
        logHealth(report);
        res
          .status(report.status === 'up' ? 200 : 503)
          .json(callerMay(res, 'operate') ? report : statusesOnly(report));
      },
    }),
    route({
      method: 'get',
      path: '/ready',
      operationId: 'ready',
      summary: 'Readiness: whether this process can serve predictions',
      tag: 'service',
      auth: 'none',
      responses: {
        200: { description: 'a model is loaded and the database answers', body: readiness },
        503: { description: 'not ready yet', body: readiness },
      },
      handler: async (_req, res) => {
        const model = deps.manager.active?.version ?? null;
        let database = true;
        try {
          await sql`select 1`.execute(deps.db);
        } catch {
          database = false;
        }
        const ready = model !== null && database;
        res.status(ready ? 200 : 503).json({ ready, model, database } satisfies Readiness);
      },
    }),
    route({
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics',
      tag: 'service',
      auth: 'none',
      responses: {
        200: { description: 'the Prometheus text exposition format', body: 'text/plain' },
      },
      handler: async (_req, res) => {
        res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
      },
    }),
  ];
}
