import { Worker } from '@temporalio/worker';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../activities';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import { bundlePipelineWorkflows } from './workflow-bundle';

export interface PipelineWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: Activities;
  taskQueue?: string;
  /** A pre-built workflow bundle; tests pass one to skip bundling for every worker they start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The worker that runs every workflow and the I/O activities. */
export async function createPipelineWorker(options: PipelineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? PIPELINE_TASK_QUEUE,
    activities: options.activities,
    workflowBundle: options.workflowBundle ?? (await bundlePipelineWorkflows()),
  });
}
