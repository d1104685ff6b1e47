import type { RequestListener } from 'node:http';
import type { Client } from '@temporalio/client';
import express from 'express';
import type { Express, Request } from 'express';
import type { Db } from '../core/db/connect';
import type { Logger } from '../core/logging/logger';
import type { ScheduleDefinition } from '../core/temporal/schedules';
import type { ServingMetrics } from './serving/metrics';
import type { ModelManager } from './serving/model-manager';
import type { Predictor } from './serving/predictor';
import type { ObjectStore } from '../core/storage/object-store';
import { authGuard } from './auth';
import type { VerifyToken } from './auth';
import { errorHandler, isJsonBody, notFound, requireJson } from './errors';
import type { HealthReport } from './health';
import { shedFirst } from './load-shedding';
import { mountRoutes } from './mount-routes';
import { buildOpenApi } from './openapi';
import type { Route } from './route';
import { securityHeaders } from './security-headers';
import { consoleAssets } from './console/assets';
import { consoleErrors } from './console/errors';
import type { ConsoleContext } from './console/page';
import { consoleRoutes } from './console/routes';
import { docsAssets, docsRoutes } from './routes/docs';
import { dataRoutes } from './routes/data';
import { driftRoutes } from './routes/drift';
import { modelsRoutes } from './routes/models';
import { operationsRoutes } from './routes/operations';
import { overviewRoutes } from './routes/overview';
import { predictRoutes } from './routes/predict';
import { runsRoutes } from './routes/runs';
import { schedulesRoutes } from './routes/schedules';
import { serviceRoutes } from './routes/service';
import { sessionRoutes } from './routes/session';
import { sourcesRoutes } from './routes/sources';
import { versionsRoutes } from './routes/versions';

export interface AppDeps {
  health: () => Promise<HealthReport>;
  db: Db;
  store: ObjectStore;
  manager: ModelManager;
  predictor: Predictor;
  /** The inference threads, saturated when MAX_INFLIGHT products are in flight. */
  pool: { readonly saturated: boolean };
  metrics: ServingMetrics;
  logger: Logger;
  /** Who a bearer token is and its scope, or why it is refused. */
  verifyToken: VerifyToken;
  predictRequireToken: boolean;
  /** Characters one batch may hold (MAX_BATCH_CHARS). */
  maxBatchChars: number;
  requestRetrain: (by: string, reason: string) => Promise<string>;
  /** Temporal: the controller's status, the schedules and the workflows the console shows. */
  client: Client;
  /** Where the console links to the Temporal Web UI. */
  console: ConsoleContext;
  /** The deployment's own schedules: the only ones the API shows and operates. */
  schedules: readonly ScheduleDefinition[];
  version: string;
}

export const MAX_BODY = '1mb';

export interface Api {
  /** The Express app: its routes, for tests that read them. */
  app: Express;
  /** What the HTTP server runs: the app behind the overload refusal (`shedFirst`). */
  handler: RequestListener;
}

export function createApp(deps: AppDeps): Api {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // First, so that every answer carries them, errors and 404s included.
  app.use(securityHeaders);

  // Every request's duration, by the route that matched (not the raw path: bounded labels).
  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      deps.metrics.httpDuration.observe(
        { method: req.method, route, status: String(res.statusCode) },
        performance.now() - started,
      );
    });
    next();
  });

  // The hot routes first: Express tries the routes in this order for every request.
  const routes: Route[] = [
    ...predictRoutes(deps.predictor, { maxBatchChars: deps.maxBatchChars }),
    ...serviceRoutes(deps),
    ...docsRoutes(() => document),
    ...modelsRoutes(deps),
    ...operationsRoutes(deps),
    ...sourcesRoutes(deps),
    ...driftRoutes(deps),
    ...dataRoutes(deps),
    ...versionsRoutes(deps),
    ...overviewRoutes(deps),
    ...schedulesRoutes(deps),
    ...runsRoutes(deps),
    ...sessionRoutes(),
    ...consoleRoutes(deps),
  ];
  // Built once, from the very list the router serves, the route serving it included.
  const document = buildOpenApi(routes, { version: deps.version });
  const tokens = { verify: deps.verifyToken, predictRequireToken: deps.predictRequireToken };
  app.use(
    mountRoutes(routes, {
      guard: (auth) => authGuard(auth, tokens),
      parseBody: [
        requireJson,
        // body-parser hands its type check the request Express has already extended.
        express.json({ limit: MAX_BODY, type: (req) => isJsonBody(req as Request) }),
      ],
    }),
  );
  app.use(docsAssets());
  app.use(consoleAssets());
  app.use(notFound);
  app.use(consoleErrors(deps.logger, deps.console));
  app.use(errorHandler(deps.logger));
  return { app, handler: shedFirst(app as RequestListener, routes, deps.pool, deps.metrics) };
}
