import { sql } from 'kysely';
import type { Db } from './connect';

/** How often a worker process refreshes its row in `worker_liveness`. */
export const WORKER_HEARTBEAT_MS = 2_000;

/**
 * A worker not seen for this long is dead: three heartbeats missed, so a slow write or a short
 * pause of its event loop does not count, and a killed worker shows as down 6 to 8 s after its
 * death, which leaves a `rakuten doctor` started then time to say so within 15 s.
 */
export const WORKER_LIVE_WITHIN_MS = 8_000;

export interface LiveWorker {
  host: string;
  pid: number;
  queues: string[];
  /** Milliseconds since its last heartbeat, by the database's clock (the writer's too). */
  sinceMs: number;
}

/** The worker processes serving `taskQueue` that sent a heartbeat within WORKER_LIVE_WITHIN_MS. */
export async function liveWorkers(db: Db, taskQueue: string): Promise<LiveWorker[]> {
  const rows = await db
    .selectFrom('worker_liveness')
    .select([
      'host',
      'pid',
      'queues',
      sql<number>`(extract(epoch from now() - last_seen) * 1000)::float8`.as('since_ms'),
    ])
    .where(sql<boolean>`${taskQueue} = any(queues)`)
    .where(
      'last_seen',
      '>',
      sql<Date>`now() - make_interval(secs => ${WORKER_LIVE_WITHIN_MS / 1000})`,
    )
    .orderBy('host')
    .orderBy('pid')
    .execute();
  return rows.map((r) => ({
    host: r.host,
    pid: r.pid,
    queues: r.queues,
    sinceMs: Math.round(r.since_ms),
  }));
}
