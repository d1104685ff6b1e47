import type { Connection } from '@temporalio/client';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../core/db/connect';
import { BUCKET_KINDS } from '../core/storage/buckets';
import type { ObjectStore } from '../core/storage/object-store';
import { workerStatus } from '../core/temporal/pollers';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import type { componentHealth, healthReport } from './responses/service';

// The body /health answers: its schema documents it and types the probes' result.
export type ComponentHealth = z.output<typeof componentHealth>;
export type HealthReport = z.output<typeof healthReport>;
export type ComponentName = keyof HealthReport['components'];

export interface HealthDeps {
  connection: Connection;
  namespace: string;
  db: Db;
  store: ObjectStore;
  timeoutMs?: number;
}

/** Probes every component in parallel, each bounded by a timeout, so one hung part cannot hang the report. */
export function createHealthCheck(deps: HealthDeps): () => Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const probes: Record<ComponentName, () => Promise<string>> = {
    temporal: async () => {
      const info = await deps.connection.workflowService.getSystemInfo({});
      return `server ${info.serverVersion || 'up'}`;
    },
    postgres: async () => {
      await sql`select 1`.execute(deps.db);
      return 'select 1';
    },
    s3: async () => {
      const existing = new Set((await deps.store.client.listBuckets()).map((b) => b.name));
      const missing = BUCKET_KINDS.map((k) => deps.store.buckets[k]).filter(
        (b) => !existing.has(b),
      );
      if (missing.length > 0) throw new Error(`buckets missing: ${missing.join(', ')}`);
      return `${BUCKET_KINDS.length} buckets`;
    },
    // From the workers' heartbeats, so a dead worker shows as down within 8 s.
    worker: async () => {
      const workers = await workerStatus(deps, PIPELINE_TASK_QUEUE);
      if (workers.live === 0) throw new Error(workers.detail);
      return workers.detail;
    },
  };

  return async () => {
    const names = Object.keys(probes) as ComponentName[];
    const results = await Promise.all(names.map((name) => probe(probes[name], timeoutMs)));
    const components = Object.fromEntries(
      names.map((n, i) => [n, results[i]]),
    ) as HealthReport['components'];
    const status = Object.values(components).every((c) => c.status === 'up') ? 'up' : 'down';
    return { status, components };
  };
}

async function probe(run: () => Promise<string>, timeoutMs: number): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const detail = await Promise.race([run(), timeout]);
    return { status: 'up', latencyMs: since(started), detail };
  } catch (error) {
    return { status: 'down', latencyMs: since(started), error: errorMessage(error) };
  } finally {
    clearTimeout(timer);
  }
}

function since(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return errorMessage(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
