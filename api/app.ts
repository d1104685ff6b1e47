import express from 'express';
import type { Express, Request, RequestHandler } from 'express';
import type { Db } from '../core/db/connect';
import type { Logger } from '../core/logging/logger';
import type { ServingMetrics } from './serving/metrics';
import type { ModelManager } from './serving/model-manager';
import type { Predictor } from './serving/predictor';
import type { ObjectStore } from '../core/storage/object-store';
import { errorHandler, isJsonBody, notFound, requireJson } from './errors';
import type { HealthReport } from './health';
import { mountRoutes } from './mount-routes';
import { buildOpenApi } from './openapi';
import type { Route } from './route';
import { docsAssets, docsRoutes } from './routes/docs';
import { driftRoutes } from './routes/drift';
import { modelsRoutes } from './routes/models';
import { operationsRoutes } from './routes/operations';
import { predictRoutes } from './routes/predict';
import { serviceRoutes } from './routes/service';

export interface AppDeps {
  health: () => Promise<HealthReport>;
  db: Db;
  store: ObjectStore;
  manager: ModelManager;
  predictor: Predictor;
  metrics: ServingMetrics;
  logger: Logger;
  /** Bearer-token check for operations (and predictions, when they require a token). */
  auth: RequestHandler;
  predictRequireToken: boolean;
  requestRetrain: (by: string, reason: string) => Promise<string>;
  version: string;
}

export const MAX_BODY = '1mb';

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

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
  app.use(requireJson);
  // body-parser hands its type check the request Express has already extended.
  app.use(express.json({ limit: MAX_BODY, type: (req) => isJsonBody(req as Request) }));

  // The hot routes first: Express tries the routes in this order for every request.
  const routes: Route[] = [
    ...predictRoutes(deps.predictor),
    ...serviceRoutes(deps),
    ...docsRoutes(() => document),
    ...modelsRoutes(deps),
    ...operationsRoutes(deps),
    ...driftRoutes(deps),
  ];
  // Built once, from the very list the router serves, the route serving it included.
  const document = buildOpenApi(routes, { version: deps.version });
  app.use(
    mountRoutes(routes, {
      none: undefined,
      optional: deps.predictRequireToken ? deps.auth : undefined,
      bearer: deps.auth,
    }),
  );
  app.use(docsAssets());
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
