/**
 * End-to-end time of the trainModel workflow on the demo catalogue, on real PostgreSQL,
 * SeaweedFS and Temporal started for the run: the synthetic rows imported and ingested, a
 * snapshot taken, then trainModel (every family, 3-fold CV, refit, gold evaluation through
 * ONNX, report, registration, gate) timed from start to result.
 *   node --import tsx bench/train-model.ts [rows]
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createActivities } from '../activities';
import { createTrainingActivities } from '../activities/training/activities';
import { DEMO_SEED } from '../cli/demo-bootstrap';
import { createDb } from '../core/db/connect';
import { importSource } from '../activities/ingest/import-source';
import { createObjectStore } from '../core/storage/object-store';
import { writeChallengeFiles } from '../synthetic';
import { connectWorker } from '../core/temporal/worker-connection';
import { createPipelineWorker } from '../workers/pipeline-worker';
import { createTrainingWorker } from '../workers/training-worker';
import type { ingestBatch, trainModel } from '../workflows';
import { trainingWorkflowId } from '../core/contracts/train-model';
import { startTestStack } from '../test/helpers/shared-stack';
import { installQuietRuntime } from '../test/helpers/temporal-runtime';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 20_000);
  installQuietRuntime();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-bench-train-'));
  const test = await startTestStack();
  const config = test.stack.config;
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection });
  const workerConnection = await connectWorker(config.temporal);
  try {
    const files = await writeChallengeFiles({ rows, seed: DEMO_SEED, outDir: scratch });
    await importSource({ db, store }, { xPath: files.xPath, yPath: files.yPath });
    const taskQueue = `bench-pipeline-${randomUUID()}`;
    const trainingTaskQueue = `bench-training-${randomUUID()}`;
    const activities = createActivities({ db, store, ingest: config.ingest });
    const pipeline = await createPipelineWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      activities,
    });
    const training = await createTrainingWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue: trainingTaskQueue,
      activities: createTrainingActivities({ db, store, threads: config.training.threads }),
      concurrency: config.training.concurrency,
    });
    const trainingRun = training.run();
    await pipeline.runUntil(async () => {
      await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
        taskQueue,
        workflowId: `bench-ingest-${randomUUID()}`,
        args: [{ all: true }],
      });
      let t = performance.now();
      const dataset = await activities.snapshotDataset({});
      console.log(
        `snapshot: ${dataset.rows} labelled rows (${dataset.goldRows} gold) in ${((performance.now() - t) / 1000).toFixed(2)} s`,
      );
      const args = { datasetVersion: dataset.version, trainingTaskQueue };
      t = performance.now();
      const result = await client.workflow.execute<typeof trainModel>('trainModel', {
        taskQueue,
        workflowId: `${trainingWorkflowId(args)}-${randomUUID().slice(0, 8)}`,
        args: [args],
      });
      const seconds = (performance.now() - t) / 1000;
      console.log(
        `trainModel(${rows} demo rows, ${result.trainRows} training rows, all families, 3-fold CV): ${seconds.toFixed(1)} s end to end`,
      );
      console.log(
        `  ${result.modelVersion} ${result.family}: gold weighted F1 ${result.goldWeightedF1.toFixed(4)}, ${result.reason}`,
      );
      console.log(
        `  steps (s): ${Object.entries(result.seconds)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}`,
      );
      console.log(
        `  training worker: concurrency ${config.training.concurrency}, ${config.training.threads} CV thread(s) each`,
      );
    });
    training.shutdown();
    await trainingRun;
  } finally {
    await connection.close();
    await workerConnection.close();
    await db.destroy();
    await test.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
