/**
 * A training worker in a process of its own, on the task queue given as argument, for tests
 * that kill it mid-activity. Settings come from the environment, as for `rakuten worker`.
 */
import { createTrainingActivities } from '../../activities/training/activities';
import { loadConfig } from '../../core/config/config';
import { createDb } from '../../core/db/connect';
import { createObjectStore } from '../../core/storage/object-store';
import { connectWorker } from '../../core/temporal/worker-connection';
import { createTrainingWorker } from '../../workers/training-worker';
import { installQuietRuntime } from './temporal-runtime';

async function main(): Promise<void> {
  installQuietRuntime();
  const config = loadConfig(process.env, { useRunningStack: false });
  const connection = await connectWorker(config.temporal);
  const worker = await createTrainingWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: process.argv[2]!,
    activities: createTrainingActivities({
      db: createDb(config.postgres.url),
      store: createObjectStore(config.s3, config.deployment),
      threads: 1,
    }),
    concurrency: 2,
  });
  process.stdout.write('worker ready\n');
  await worker.run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
