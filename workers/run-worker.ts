import { Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import type { Config } from '../config/config';
import { createActivities } from '../activities';
import { createTrainingActivities } from '../activities/training';
import { createDb } from '../db/connect';
import type { Logger } from '../logging/logger';
import { toTemporalLogger } from '../logging/temporal-logger';
import { createObjectStore } from '../storage/object-store';
import { connectWorker } from '../temporal/worker-connection';
import { createPipelineWorker } from './pipeline-worker';
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
  Runtime.install({ logger: toTemporalLogger(logger) });
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
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
          activities: createTrainingActivities({ store, threads: config.training.threads }),
          concurrency: config.training.concurrency,
        }),
      );
    }
    for (const worker of workers) {
      logger.info({ taskQueue: worker.options.taskQueue }, 'worker polling');
    }
    // Worker.run() drains in-flight tasks on SIGINT/SIGTERM before it resolves.
    await Promise.all(workers.map((worker) => worker.run()));
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await db.destroy();
  }
}
