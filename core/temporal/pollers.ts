import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/**
 * A worker long-polls its task queue and polls again at least once a minute, so a poller not
 * seen for longer than this has gone.
 */
const POLLER_STALE_MS = 90_000;

/** How many workers are polling the workflow side of `taskQueue` right now. */
export async function countLivePollers(
  connection: Connection,
  namespace: string,
  taskQueue: string,
): Promise<number> {
  const queue = await connection.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  const now = Date.now();
  return (queue.pollers ?? []).filter(
    (p) => now - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < POLLER_STALE_MS,
  ).length;
}
