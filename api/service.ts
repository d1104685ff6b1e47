import http from 'node:http';
import type { Server } from 'node:http';
import type { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import { verifyToken } from '../core/auth/tokens';
import type { Config } from '../core/config/config';
import type { Db } from '../core/db/connect';
import type { Logger } from '../core/logging/logger';
import { watchChampion } from './serving/champion-watcher';
import { InferencePool } from './serving/inference-pool';
import { createServingMetrics } from './serving/metrics';
import type { ServingMetrics } from './serving/metrics';
import { ModelManager } from './serving/model-manager';
import { PredictionLog } from './serving/prediction-log';
import { Predictor } from './serving/predictor';
import type { ObjectStore } from '../core/storage/object-store';
import { requestRetraining } from '../core/temporal/retrain-controller';
import { deploymentSchedules } from '../core/temporal/schedules';
import { createApp } from './app';
import { createHealthCheck } from './health';

export const API_VERSION = '1.0.0';

export interface ApiServiceDeps {
  config: Config;
  db: Db;
  store: ObjectStore;
  connection: Connection;
  client: Client;
  logger: Logger;
}

export interface ApiService {
  /** The Express app, for reading its routes; `listen` serves it. */
  app: Express;
  /**
   * An HTTP server of the app, listening: with the overload refusal in front of Express, which
   * `app.listen` would leave out.
   */
  listen(port: number, host: string): Server;
  manager: ModelManager;
  pool: InferencePool;
  log: PredictionLog;
  metrics: ServingMetrics;
  /** Stops watching the registry and flushes the prediction log; the clients stay open. */
  stop(): Promise<void>;
}

/** The prediction service's parts, wired: the process (or a test) only listens and stops. */
export function createApiService(deps: ApiServiceDeps): ApiService {
  const { config, db, store, connection, client, logger } = deps;
  const metrics = createServingMetrics();
  const pool = new InferencePool(config.serving.inferenceThreads, {
    logger,
    metrics,
    maxInflight: config.serving.maxInflight,
  });
  const manager = new ModelManager({
    pool,
    db,
    store,
    cacheDir: config.serving.cacheDir,
    metrics,
    logger,
    shadowVersion: config.serving.shadowVersion,
  });
  const log = new PredictionLog(db, metrics, logger);
  const predictor = new Predictor(manager, log, metrics, config.serving.shadowSample);
  const watcher = watchChampion({
    databaseUrl: config.postgres.url,
    pollSeconds: config.serving.pollSeconds,
    onChange: () => manager.refresh(),
    logger,
  });
  const { app, handler } = createApp({
    health: createHealthCheck({ connection, namespace: config.temporal.namespace, db, store }),
    db,
    store,
    manager,
    predictor,
    pool,
    metrics,
    logger,
    verifyToken: (token) => verifyToken(db, token),
    predictRequireToken: config.api.predictRequireToken,
    maxBatchChars: config.serving.maxBatchChars,
    requestRetrain: async (by, reason) => (await requestRetraining(client, by, reason)).workflowId,
    client,
    console: { temporalUiUrl: config.temporal.uiUrl, namespace: config.temporal.namespace },
    schedules: deploymentSchedules(config.retention),
    version: API_VERSION,
  });
  return {
    app,
    listen: (port, host) => http.createServer(handler).listen(port, host),
    manager,
    pool,
    log,
    metrics,
    async stop() {
      await watcher.stop();
      await log.close();
      await manager.close();
      await pool.close();
    },
  };
}
