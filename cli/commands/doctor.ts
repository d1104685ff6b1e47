import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { Config } from '../../core/config/config';
import { loadConfig } from '../../core/config/config';
import { PIPELINE_TASK_QUEUE } from '../../core/contracts/task-queues';
import { createDb } from '../../core/db/connect';
import { connectClient } from '../../core/temporal/connection';
import { workerStatus } from '../../core/temporal/pollers';
import type { systemCheck } from '../../workflows';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description('check Temporal, the worker, PostgreSQL and S3 through a systemCheck workflow')
    .option('--json', 'print the report as JSON')
    .option('--timeout <seconds>', 'how long to wait for the workflow', Number, 60)
    .action(async (options: { json?: boolean; timeout: number }) => {
      const checks = await runDoctor(loadConfig(), options.timeout * 1000);
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ok: checks.every((c) => c.ok), checks })}\n`
          : formatChecks(checks),
      );
      const failing = checks.filter((c) => !c.ok && !c.skipped).map((c) => c.component);
      const skipped = checks.filter((c) => c.skipped).map((c) => c.component);
      if (failing.length > 0) {
        throw new UserError(
          `doctor: ${failing.join(', ')} ${failing.length > 1 ? 'are' : 'is'} down` +
            (skipped.length > 0 ? ` (not checked: ${skipped.join(', ')})` : ''),
        );
      }
    });
}

interface Check {
  component: string;
  ok: boolean;
  /** Not checked because something it depends on failed first. */
  skipped?: boolean;
  latencyMs: number;
  detail: string;
}

/** Checks each component in dependency order; what cannot be reached is reported, not thrown. */
async function runDoctor(config: Config, timeoutMs: number): Promise<Check[]> {
  const checks: Check[] = [];
  let started = performance.now();
  let temporal;
  try {
    temporal = await connectClient(config.temporal);
    await temporal.connection.workflowService.getSystemInfo({});
    checks.push(
      pass(
        'temporal',
        started,
        `${config.temporal.address}, namespace ${config.temporal.namespace}`,
      ),
    );
  } catch (error) {
    checks.push(
      fail('temporal', started, `cannot reach ${config.temporal.address}: ${message(error)}`),
    );
    return [...checks, skipped('worker'), skipped('postgres'), skipped('s3')];
  }
  const { connection, client } = temporal;
  const db = createDb(config.postgres.url, { max: 1 });
  try {
    started = performance.now();
    // The workers' heartbeats: a killed worker is down here within 8 s.
    const workers = await workerStatus(
      { db, connection, namespace: config.temporal.namespace },
      PIPELINE_TASK_QUEUE,
    );
    if (workers.live === 0) {
      checks.push(fail('worker', started, `${workers.detail} (start one with \`rakuten worker\`)`));
      return [...checks, skipped('postgres'), skipped('s3')];
    }
    checks.push(pass('worker', started, workers.detail));

    const checkId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const handle = await client.workflow.start<typeof systemCheck>('systemCheck', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId: `system-check-${checkId}`,
      args: [{ checkId }],
      workflowExecutionTimeout: timeoutMs,
    });
    try {
      const result = await handle.result();
      checks.push(...result.checks);
    } catch (error) {
      checks.push(
        fail(
          'workflow',
          started,
          `systemCheck ${handle.workflowId} did not complete: ${message(error)}`,
        ),
      );
    }
    return checks;
  } finally {
    await db.destroy();
    await connection.close();
  }
}

function pass(component: string, started: number, detail: string): Check {
  return { component, ok: true, latencyMs: Math.round(performance.now() - started), detail };
}

function fail(component: string, started: number, detail: string): Check {
  return { component, ok: false, latencyMs: Math.round(performance.now() - started), detail };
}

function skipped(component: string): Check {
  return {
    component,
    ok: false,
    skipped: true,
    latencyMs: 0,
    detail: 'not checked: an earlier check failed',
  };
}

function message(error: unknown): string {
  if (error instanceof Error)
    return error.cause instanceof Error
      ? `${error.message} (${error.cause.message})`
      : error.message;
  return String(error);
}

function formatChecks(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.component.length));
  return (
    checks
      .map(
        (c) =>
          `${c.ok ? 'ok  ' : c.skipped ? 'skip' : 'FAIL'}  ${c.component.padEnd(width)}  ${String(Math.round(c.latencyMs)).padStart(5)} ms  ${c.detail}`,
      )
      .join('\n') + '\n'
  );
}
