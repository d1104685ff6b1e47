import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Db } from '../db/connect';
import { liveWorkers, WORKER_LIVE_WITHIN_MS } from '../db/worker-liveness';

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

export interface WorkerStatus {
  /** Worker processes serving the queue. */
  live: number;
  detail: string;
  /** `heartbeat`: the workers' own rows, down within 8 s of a death; `pollers`: Temporal's view, up to 90 s late. */
  source: 'heartbeat' | 'pollers';
}

/**
 * Whether a worker serves `taskQueue`, from the heartbeats workers write to PostgreSQL every few
 * seconds: Temporal remembers a killed worker's polls for up to 90 s, a heartbeat stops at once.
 * When PostgreSQL does not answer, Temporal's pollers are the fallback, and the detail says so.
 */
export async function workerStatus(
  deps: { db: Db; connection: Connection; namespace: string },
  taskQueue: string,
): Promise<WorkerStatus> {
  let rows;
  try {
    rows = await liveWorkers(deps.db, taskQueue);
  } catch (error) {
    const pollers = await countLivePollers(deps.connection, deps.namespace, taskQueue);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      live: pollers,
      source: 'pollers',
      detail: `${pollers} poller(s) on '${taskQueue}' by Temporal's count, which lags a dead worker by up to 90 s (the heartbeats in PostgreSQL could not be read: ${reason})`,
    };
  }
  const within = WORKER_LIVE_WITHIN_MS / 1000;
  if (rows.length === 0) {
    return {
      live: 0,
      source: 'heartbeat',
      detail: `no worker on task queue '${taskQueue}' sent a heartbeat within ${within} s`,
    };
  }
  const who = rows.map((r) => `${r.host}:${r.pid}`).join(', ');
  return {
    live: rows.length,
    source: 'heartbeat',
    detail: `${rows.length} worker(s) on '${taskQueue}' (${who}), each seen within ${within} s`,
  };
}
