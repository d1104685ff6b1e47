import { Runtime } from '@temporalio/worker';
import type { Config } from '../config/config';
import { createActivities } from '../activities';
import { createDb } from '../db/connect';
import type { Logger } from '../logging/logger';
import { toTemporalLogger } from '../logging/temporal-logger';
import { createObjectStore } from '../storage/object-store';
import { connectWorker } from '../temporal/worker-connection';
import { createPipelineWorker } from './pipeline-worker';

/** Runs the pipeline worker until SIGINT or SIGTERM, then drains it and closes its clients. */
export async function runWorker(config: Config, logger: Logger): Promise<void> {
  Runtime.install({ logger: toTemporalLogger(logger) });
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  const connection = await connectWorker(config.temporal);
  try {
    const worker = await createPipelineWorker({
      connection,
      namespace: config.temporal.namespace,
      activities: createActivities({ db, store, ingest: config.ingest }),
    });
    logger.info({ taskQueue: worker.options.taskQueue }, 'worker polling');
    // Worker.run() drains in-flight tasks on SIGINT/SIGTERM before it resolves.
    await worker.run();
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await db.destroy();
  }
}
