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
 * Sent to the server at least this often while a training activity heartbeats, rather than the
 * SDK's default of 80% of the heartbeat timeout up to 60 s: the server, and whoever describes a
 * run, then hear from a busy training every few seconds.
 */
const HEARTBEAT_THROTTLE = '5 seconds';

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
    maxHeartbeatThrottleInterval: HEARTBEAT_THROTTLE,
  });
}
