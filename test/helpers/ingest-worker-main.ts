/**
 * A pipeline worker in a process of its own, on the task queue given as argument, for tests
 * that kill it mid-activity. Settings come from the environment, as for `rakuten worker`.
 */
import { createActivities } from '../../activities';
import { loadConfig } from '../../core/config/config';
import { createDb } from '../../core/db/connect';
import { createObjectStore } from '../../core/storage/object-store';
import { connectWorker } from '../../core/temporal/worker-connection';
import { createPipelineWorker } from '../../workers/pipeline-worker';
import { installQuietRuntime } from './temporal-runtime';

async function main(): Promise<void> {
  installQuietRuntime();
  const config = loadConfig(process.env, { useRunningStack: false });
  const db = createDb(config.postgres.url);
  const connection = await connectWorker(config.temporal);
  const worker = await createPipelineWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: process.argv[2]!,
    activities: createActivities({
      db,
      store: createObjectStore(config.s3, config.deployment),
      ingest: config.ingest,
    }),
  });
  process.stdout.write('worker ready\n');
  await worker.run();
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
