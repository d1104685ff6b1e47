import { Worker } from '@temporalio/worker';
import type { NativeConnection } from '@temporalio/worker';
import type { TrainingActivities } from '../activities/training/activities';
import { TRAINING_TASK_QUEUE } from '../core/contracts/task-queues';

export interface TrainingWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: TrainingActivities;
  taskQueue?: string;
  /** Training activities run at once on this worker. */
  concurrency: number;
}

/**
 * The worker of the CPU-heavy training activities; no workflows, so it can run on machines of
 * its own, as many as the training load needs.
 */
export async function createTrainingWorker(options: TrainingWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TRAINING_TASK_QUEUE,
    activities: options.activities,
    maxConcurrentActivityTaskExecutions: options.concurrency,
  });
}
