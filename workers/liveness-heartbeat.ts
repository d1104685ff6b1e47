import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../core/db/connect';
import { WORKER_HEARTBEAT_MS } from '../core/db/worker-liveness';
import type { Logger } from '../core/logging/logger';

export interface LivenessHeartbeatOptions {
  db: Db;
  /** The task queues this process serves, as /health and `rakuten doctor` look them up. */
  queues: string[];
  logger: Logger;
  /** False once the process stops taking work (draining, failed): its row is then deleted. */
  serving: () => boolean;
  everyMs?: number;
}

export interface LivenessHeartbeat {
  readonly workerId: string;
  /** Stops the heartbeat and deletes the row, so the worker is down at once, not in ~8 s. */
  stop(): Promise<void>;
}

/** Rows of workers killed without a goodbye are dropped after this long. */
const FORGET_DEAD_AFTER = '1 day';

/**
 * Writes this process's row in `worker_liveness` now, then every few seconds while it serves.
 * The first write is awaited, so a caller that starts polling afterwards is seen as soon as it
 * polls. A failed write is logged once per outage and retried at the next beat.
 */
export async function startLivenessHeartbeat(
  options: LivenessHeartbeatOptions,
): Promise<LivenessHeartbeat> {
  const { db, queues, logger } = options;
  const everyMs = options.everyMs ?? WORKER_HEARTBEAT_MS;
  const workerId = randomUUID();
  const host = os.hostname();

  const beat = () =>
    db
      .insertInto('worker_liveness')
      .values({ worker_id: workerId, host, pid: process.pid, queues })
      .onConflict((oc) => oc.column('worker_id').doUpdateSet({ last_seen: sql`now()` }))
      .execute();
  const remove = () => db.deleteFrom('worker_liveness').where('worker_id', '=', workerId).execute();

  await db
    .deleteFrom('worker_liveness')
    .where('last_seen', '<', sql<Date>`now() - ${FORGET_DEAD_AFTER}::interval`)
    .execute();
  await beat();

  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    if (!options.serving()) {
      logger.info('worker no longer takes work; withdrawing its liveness row');
      stopped = true;
      inFlight = remove().catch(() => undefined);
      return;
    }
    inFlight = beat().then(
      () => {
        if (failing) logger.info('worker heartbeat written again');
        failing = false;
      },
      (error: unknown) => {
        if (!failing) logger.warn({ err: error }, 'cannot write the worker heartbeat; retrying');
        failing = true;
      },
    );
    // The next beat is timed from this one's end, so a slow database never stacks writes up.
    void inFlight.then(() => {
      if (!stopped) timer = setTimeout(tick, everyMs);
    });
  };
  timer = setTimeout(tick, everyMs);

  return {
    workerId,
    async stop() {
      const wasStopped = stopped;
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      if (!wasStopped) await remove().catch(() => undefined);
    },
  };
}
