import { Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import type { Config } from '../core/config/config';
import { createActivities } from '../activities';
import { createTrainingActivities } from '../activities/training/activities';
import { createDb } from '../core/db/connect';
import type { Logger } from '../core/logging/logger';
import { toTemporalLogger } from '../core/logging/temporal-logger';
import { serveMetrics } from './metrics/metrics-server';
import { createWorkerMetrics } from './metrics/worker-metrics';
import { assertPortsFree, workerMetricsPortClaims } from '../core/ports';
import { createObjectStore } from '../core/storage/object-store';
import { connectWorker } from '../core/temporal/worker-connection';
import { createPipelineWorker } from './pipeline-worker';
import { startLivenessHeartbeat } from './liveness-heartbeat';
import { createTrainingWorker } from './training-worker';

export const WORKER_QUEUES = ['pipeline', 'training'] as const;
export type WorkerQueue = (typeof WORKER_QUEUES)[number];

/**
 * Runs workers for the given task queues (by default both, in one process) until SIGINT or
 * SIGTERM, then drains them and closes their clients.
 */
export async function runWorker(
  config: Config,
  logger: Logger,
  queues: readonly WorkerQueue[] = WORKER_QUEUES,
): Promise<void> {
  const { host, workerPort, temporalSdkPort } = config.metrics;
  // Two workers on one machine would fight over these: say which variable moves them.
  await assertPortsFree(workerMetricsPortClaims(config.metrics));
  Runtime.install({
    logger: toTemporalLogger(logger),
    // The SDK's own metrics (task latencies, slots, failures) on a port of their own.
    telemetryOptions:
      temporalSdkPort > 0
        ? { metrics: { prometheus: { bindAddress: `${host}:${temporalSdkPort}` } } }
        : undefined,
  });
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  const metrics = createWorkerMetrics(db);
  const served =
    workerPort > 0
      ? await serveMetrics(metrics.registry, { host, port: workerPort, logger })
      : undefined;
  if (served) logger.info({ url: served.url }, 'worker metrics');
  if (temporalSdkPort > 0)
    logger.info({ url: `http://${host}:${temporalSdkPort}/metrics` }, 'Temporal SDK metrics');
  const connection = await connectWorker(config.temporal);
  try {
    const workers: Worker[] = [];
    if (queues.includes('pipeline')) {
      workers.push(
        await createPipelineWorker({
          connection,
          namespace: config.temporal.namespace,
          activities: createActivities({ db, store, ingest: config.ingest }),
        }),
      );
    }
    if (queues.includes('training')) {
      workers.push(
        await createTrainingWorker({
          connection,
          namespace: config.temporal.namespace,
          activities: createTrainingActivities({
            db,
            store,
            threads: config.training.threads,
            onCandidateTrained: (family, seconds) =>
              metrics.trainingDuration.observe({ family }, seconds),
          }),
          concurrency: config.training.concurrency,
        }),
      );
    }
    // Written before the first poll, so whoever waits for this worker sees it as it starts work.
    const heartbeat = await startLivenessHeartbeat({
      db,
      queues: workers.map((worker) => worker.options.taskQueue),
      logger,
      serving: () => workers.every((w) => ['INITIALIZED', 'RUNNING'].includes(w.getState())),
    });
    for (const worker of workers) {
      logger.info({ taskQueue: worker.options.taskQueue }, 'worker polling');
    }
    try {
      // Worker.run() drains in-flight tasks on SIGINT/SIGTERM before it resolves.
      await Promise.all(workers.map((worker) => worker.run()));
    } finally {
      await heartbeat.stop();
    }
    logger.info('worker stopped');
  } finally {
    await served?.close();
    await connection.close();
    await db.destroy();
  }
}
