import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowIdReusePolicy } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createTrainingActivities } from '../../activities/training/activities';
import type { Config } from '../../core/config/config';
import { importSource } from '../../activities/ingest/import-source';
import { connectWorker } from '../../core/temporal/worker-connection';
import { createPipelineWorker } from '../../workers/pipeline-worker';
import { createTrainingWorker } from '../../workers/training-worker';
import { bundlePipelineWorkflows } from '../../workers/workflow-bundle';
import { trainingWorkflowId } from '../../core/contracts/train-model';
import type { TrainModelInput, TrainModelResult } from '../../core/contracts/train-model';
import type { ingestBatch, trainModel } from '../../workflows';
import { PIPELINE_TASK_QUEUE, TRAINING_TASK_QUEUE } from '../../core/contracts/task-queues';
import { freshDeployment } from './fresh-deployment';
import { freshNamespace } from './fresh-namespace';
import type { FreshDeployment } from './fresh-deployment';
import { realFile } from './real-data';

/**
 * A fresh deployment holding the real X_sample/Y_sample products, with a pipeline worker and
 * (unless `trainingWorker` is false) a training worker on task queues of its own.
 */
export interface TrainingDeployment extends FreshDeployment {
  client: Client;
  connection: Connection;
  taskQueue: string;
  trainingTaskQueue: string;
  activities: ReturnType<typeof createActivities>;
  /** Snapshots the data as it is and trains on it (2 folds unless given), on these queues. */
  train(input: Partial<TrainModelInput>): Promise<TrainModelResult>;
  stop(): Promise<void>;
}

export async function trainingDeployment(
  base: Config,
  options: {
    trainingWorker?: boolean;
    /** `false`: an empty deployment, for a test that brings its own data first. */
    importSample?: boolean;
    /**
     * A namespace of its own, where the workers poll the deployment's real task queues, so the
     * retraining controller (started by the API, under its fixed ID) runs as in production.
     */
    ownNamespace?: string;
  } = {},
): Promise<TrainingDeployment> {
  const connection = await Connection.connect({ address: base.temporal.address });
  const namespace = options.ownNamespace
    ? await freshNamespace(connection, options.ownNamespace)
    : base.temporal.namespace;
  const d = await freshDeployment({ ...base, temporal: { ...base.temporal, namespace } });
  const client = new Client({ connection, namespace });
  const workerConnection: NativeConnection = await connectWorker(d.config.temporal);
  const taskQueue = options.ownNamespace ? PIPELINE_TASK_QUEUE : `pipeline-${randomUUID()}`;
  const trainingTaskQueue = options.ownNamespace ? TRAINING_TASK_QUEUE : `training-${randomUUID()}`;
  const activities = createActivities({ db: d.db, store: d.store, ingest: d.config.ingest });
  const workers: Worker[] = [
    await createPipelineWorker({
      connection: workerConnection,
      namespace,
      taskQueue,
      workflowBundle: await bundlePipelineWorkflows(),
      activities,
    }),
  ];
  if (options.trainingWorker !== false) {
    workers.push(
      await createTrainingWorker({
        connection: workerConnection,
        namespace,
        taskQueue: trainingTaskQueue,
        activities: createTrainingActivities({ db: d.db, store: d.store, threads: 1 }),
        concurrency: 2,
      }),
    );
  }
  const running = workers.map((w) => w.run());
  if (options.importSample !== false) {
    await importSource(d, { xPath: realFile('X_sample.csv'), yPath: realFile('Y_sample.csv') });
    await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
  }
  const train = async (input: Partial<TrainModelInput>) => {
    const dataset = await activities.snapshotDataset({});
    const args = { datasetVersion: dataset.version, folds: 2, trainingTaskQueue, ...input };
    return client.workflow.execute<typeof trainModel>('trainModel', {
      taskQueue,
      workflowId: `${trainingWorkflowId(args)}-${d.config.deployment}`,
      args: [args],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
  };
  return {
    ...d,
    client,
    connection,
    taskQueue,
    trainingTaskQueue,
    activities,
    train,
    stop: async () => {
      for (const w of workers) w.shutdown();
      await Promise.all(running);
      await workerConnection.close();
      await connection.close();
      await d.close();
    },
  };
}
