import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Client, Connection, ScheduleDescription } from '@temporalio/client';
import type { Config } from '../core/config/config';
import { connectionEnv } from '../core/config/config';
import { createLogger } from '../core/logging/logger';
import { resolveBinaries } from '../infra/stack/binaries';
import { connectClient } from '../core/temporal/connection';
import {
  applySchedules,
  deploymentSchedules,
  listSchedules,
  pauseSchedule,
  ScheduleError,
  triggerSchedule,
  unpauseSchedule,
} from '../core/temporal/schedules';
import type { ScheduleDefinition, ScheduleStatus } from '../core/temporal/schedules';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import { DEFAULT_DRIFT_WINDOW, DEFAULT_SIGNAL_SEVERITY } from '../core/contracts/drift-check';
import { cleanEnv, runCli } from './helpers/cli';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';

installQuietRuntime();

const MINUTE = 60_000;
const REAL_ID = 'ingest-every-15m';

describe('Temporal schedules on the real dev server', () => {
  let config: Config;
  let connection: Connection;
  let client: Client;
  const created: string[] = [];
  const started: { workflowId: string }[] = [];

  // Asked for here, not in before(): run alone, the file starts its own stack, and the `after`
  // that stops it would otherwise belong to the before hook and run as soon as the hook ends.
  const stackConfig = sharedStackConfig();
  before(async () => {
    config = await stackConfig;
    ({ connection, client } = await connectClient(config.temporal));
  });
  after(async () => {
    for (const { workflowId } of started) {
      await client.workflow
        .getHandle(workflowId)
        .terminate('schedules test cleanup')
        .catch(() => undefined);
    }
    for (const id of created) {
      await client.schedule
        .getHandle(id)
        .delete()
        .catch(() => undefined);
    }
    await connection.close();
  });

  /**
   * The deployment's definitions under IDs of this test's own, starting runs on a task queue no
   * worker polls, so a triggered run waits (and is terminated) instead of ingesting anything.
   */
  function ownDefinitions(label: string): ScheduleDefinition[] {
    const suffix = `${label}-${randomUUID().slice(0, 8)}`;
    const definitions = deploymentSchedules(config.retention).map((d) => ({
      ...d,
      id: `${d.id}-${suffix}`,
      workflow: {
        ...d.workflow,
        taskQueue: `schedules-test-${suffix}`,
        workflowId: `${d.workflow.workflowId}-${suffix}`,
      },
    }));
    created.push(...definitions.map((d) => d.id));
    return definitions;
  }

  function ingestOf(definitions: ScheduleDefinition[]): ScheduleDefinition {
    const ingest = definitions.find((d) => d.id.startsWith(`${REAL_ID}-`));
    assert.ok(ingest);
    return ingest;
  }

  it('provisioning (npm start, rakuten setup) applied ingest-every-15m as defined', async () => {
    const schedule = await client.schedule.getHandle(REAL_ID).describe();
    assert.deepEqual(intervalsOf(schedule), [15 * MINUTE]);
    assert.equal(schedule.policies.overlap, 'SKIP');
    assert.equal(schedule.policies.catchupWindow, 60 * MINUTE);
    assert.equal(schedule.action.workflowType, 'ingestBatch');
    assert.equal(schedule.action.taskQueue, PIPELINE_TASK_QUEUE);
    assert.deepEqual(schedule.action.args, [{ batchSize: 2_000 }]);
    assert.equal(schedule.action.workflowId, 'ingest-scheduled');
    assert.match(String(schedule.memo?.description), /ingest/i);
  });

  it('provisioning applied drift-every-2h: driftCheck every 2 hours with the default window', async () => {
    const schedule = await client.schedule.getHandle('drift-every-2h').describe();
    assert.deepEqual(intervalsOf(schedule), [2 * 60 * MINUTE]);
    assert.equal(schedule.policies.overlap, 'SKIP');
    assert.equal(schedule.action.workflowType, 'driftCheck');
    assert.equal(schedule.action.taskQueue, PIPELINE_TASK_QUEUE);
    assert.deepEqual(schedule.action.args, [
      { window: DEFAULT_DRIFT_WINDOW, signalAt: DEFAULT_SIGNAL_SEVERITY },
    ]);
    assert.equal(schedule.action.workflowId, 'drift-scheduled');
  });

  it('provisioning applied retention-daily: applyRetention every day with the configured days', async () => {
    const schedule = await client.schedule.getHandle('retention-daily').describe();
    assert.deepEqual(intervalsOf(schedule), [24 * 60 * MINUTE]);
    assert.equal(schedule.policies.overlap, 'SKIP');
    assert.equal(schedule.action.workflowType, 'applyRetention');
    assert.equal(schedule.action.taskQueue, PIPELINE_TASK_QUEUE);
    assert.deepEqual(schedule.action.args, [
      {
        predictionLogDays: config.retention.predictionLogDays,
        rejectedRowsDays: config.retention.rejectedRowsDays,
      },
    ]);
    assert.equal(schedule.action.workflowId, 'retention-scheduled');
  });

  it('the retention days are part of the definition: another setting updates the schedule', async () => {
    const definitions = ownDefinitions('retention');
    await applySchedules(client, definitions);
    const id = definitions.find((d) => d.id.startsWith('retention-daily-'))!.id;
    // The same schedules under this test's IDs and queue, with other days in the input.
    const withDays = deploymentSchedules({ predictionLogDays: 3, rejectedRowsDays: 0 }).map(
      (d, i) => ({
        ...d,
        id: definitions[i]!.id,
        workflow: { ...definitions[i]!.workflow, args: d.workflow.args },
      }),
    );
    const outcomes = await applySchedules(client, withDays);
    assert.deepEqual(
      outcomes.map((o) => o.outcome),
      ['unchanged', 'unchanged', 'updated'],
    );
    const schedule = await client.schedule.getHandle(id).describe();
    assert.deepEqual(schedule.action.args, [{ predictionLogDays: 3, rejectedRowsDays: 0 }]);
    assert.match(
      String(schedule.action.staticSummary),
      /Once a day, deletes rows of prediction_log older than 3 days; keeps rejected_rows forever$/,
    );
  });

  it('apply creates each schedule with its interval, overlap policy and catch-up window', async () => {
    const definitions = ownDefinitions('create');
    const ingest = ingestOf(definitions);
    const results = await applySchedules(client, definitions);
    assert.deepEqual(
      results,
      definitions.map((d) => ({ id: d.id, outcome: 'created' })),
    );
    const schedule = await client.schedule.getHandle(ingest.id).describe();
    assert.deepEqual(intervalsOf(schedule), [15 * MINUTE]);
    assert.equal(schedule.policies.overlap, 'SKIP');
    assert.equal(schedule.policies.catchupWindow, 60 * MINUTE);
    assert.equal(schedule.action.workflowType, 'ingestBatch');
    assert.deepEqual(schedule.action.args, [{ batchSize: 2_000 }]);
    assert.equal(schedule.action.staticSummary, ingest.description);
    assert.equal(schedule.memo?.description, ingest.description);
    assert.equal(schedule.state.paused, false);
    assert.ok(schedule.info.nextActionTimes.length > 0, 'a next run is planned');
  });

  it('applying twice leaves one schedule, the same one, and reports it unchanged', async () => {
    const definitions = ownDefinitions('twice');
    const ingest = ingestOf(definitions);
    await applySchedules(client, definitions);
    const first = await client.schedule.getHandle(ingest.id).describe();
    const second = await applySchedules(client, definitions);
    assert.deepEqual(
      second,
      definitions.map((d) => ({ id: d.id, outcome: 'unchanged' })),
    );
    const again = await client.schedule.getHandle(ingest.id).describe();
    assert.deepEqual(again.spec, first.spec);
    assert.deepEqual(again.policies, first.policies);
    assert.deepEqual(again.info.createdAt, first.info.createdAt, 'not recreated');

    // Listing goes through visibility, which catches up a moment after a change.
    const listed = await eventually(async () => {
      const ids: string[] = [];
      for await (const s of client.schedule.list()) {
        if (s.scheduleId.startsWith(ingest.id)) ids.push(s.scheduleId);
      }
      return ids.length > 0 ? ids : undefined;
    });
    assert.deepEqual(listed, [ingest.id]);
  });

  it('a paused schedule stays paused, with its note, through apply and through an update', async () => {
    const definitions = ownDefinitions('paused');
    const ingest = ingestOf(definitions);
    await applySchedules(client, definitions);
    await pauseSchedule(client, ingest.id, 'source under maintenance', definitions);

    assert.equal((await applySchedules(client, definitions))[0]?.outcome, 'unchanged');
    let schedule = await client.schedule.getHandle(ingest.id).describe();
    assert.equal(schedule.state.paused, true);

    const slower = definitions.map((d) => ({ ...d, everyMs: 30 * MINUTE }));
    assert.equal((await applySchedules(client, slower))[0]?.outcome, 'updated');
    schedule = await client.schedule.getHandle(ingest.id).describe();
    assert.deepEqual(intervalsOf(schedule), [30 * MINUTE]);
    assert.equal(schedule.state.paused, true, 'the update kept the pause');
    assert.equal(schedule.state.note, 'source under maintenance');
  });

  it('unpause resumes a paused schedule and records the note', async () => {
    const definitions = ownDefinitions('unpause');
    const ingest = ingestOf(definitions);
    await applySchedules(client, definitions);
    await pauseSchedule(client, ingest.id, 'hold', definitions);
    await unpauseSchedule(client, ingest.id, 'sources fixed', definitions);
    const schedule = await client.schedule.getHandle(ingest.id).describe();
    assert.equal(schedule.state.paused, false);
    assert.equal(schedule.state.note, 'sources fixed');
    const [status] = await listSchedules(client, definitions);
    assert.equal(status?.paused, false);
    assert.ok(status?.nextRunAt, 'an active schedule has a next run');
  });

  it('trigger starts an ingestBatch run now, which list reports as the last run', async () => {
    const definitions = ownDefinitions('trigger');
    const ingest = ingestOf(definitions);
    await applySchedules(client, definitions);
    // Paused, to show a trigger is a deliberate run that does not wait for the schedule.
    await pauseSchedule(client, ingest.id, undefined, definitions);
    const { workflowId } = await triggerSchedule(client, ingest.id, definitions, 30_000);
    assert.ok(workflowId, 'the schedule reports the run it started');
    started.push({ workflowId });
    assert.ok(workflowId.startsWith(ingest.workflow.workflowId), workflowId);

    const run = await client.workflow.getHandle(workflowId).describe();
    assert.equal(run.type, 'ingestBatch');
    assert.equal(run.taskQueue, ingest.workflow.taskQueue);
    assert.equal(run.status.name, 'RUNNING', 'no worker polls its queue, so it waits');

    const [status] = await listSchedules(client, definitions);
    assert.equal(status?.lastRun?.workflowId, workflowId);
    assert.equal(status?.lastRun?.status, 'RUNNING');
    await client.workflow.getHandle(workflowId).terminate('schedules test');
  });

  it('refuses an unknown ID naming the known ones, and a known one not created yet', async () => {
    const definitions = ownDefinitions('unknown');
    const ingest = ingestOf(definitions);
    await assert.rejects(
      pauseSchedule(client, 'nope', undefined, definitions),
      (error: unknown) =>
        error instanceof ScheduleError &&
        error.message.includes("unknown schedule 'nope'") &&
        error.message.includes(ingest.id),
    );
    await assert.rejects(
      triggerSchedule(client, ingest.id, definitions),
      (error: unknown) =>
        error instanceof ScheduleError &&
        /not on the Temporal server yet.*rakuten schedules apply/.test(error.message),
    );
    const [status] = await listSchedules(client, definitions);
    assert.equal(status?.exists, false);
  });

  it('`rakuten schedules` lists, applies and refuses an unknown ID in one line', async () => {
    const env = cleanEnv(connectionEnv(config));
    const list = await runCli(['schedules', 'list'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^ingest-every-15m {2}(active|PAUSED) {2}every 15m {2}overlap SKIP/m);
    assert.match(list.stdout, /ingestBatch: /);
    assert.match(list.stdout, /next run/);
    assert.match(list.stdout, /last run/);

    const json = await runCli(['schedules', 'list', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const statuses = JSON.parse(json.stdout) as ScheduleStatus[];
    const real = statuses.find((s) => s.id === REAL_ID);
    assert.equal(real?.exists, true);
    assert.equal(real?.everyMs, 15 * MINUTE);
    assert.equal(real?.overlap, 'SKIP');

    const apply = await runCli(['schedules', 'apply'], env);
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stdout, /^ingest-every-15m {2}unchanged$/m);
    assert.match(apply.stdout, /^drift-every-2h {2}unchanged$/m);
    assert.match(apply.stdout, /^retention-daily {2}unchanged$/m);
    assert.match(list.stdout, /^retention-daily {2}(active|PAUSED) {2}every 1d {2}overlap SKIP/m);
    assert.match(
      list.stdout,
      /applyRetention: Once a day, deletes rows of prediction_log older than/,
    );

    const unknown = await runCli(['schedules', 'pause', 'nope', '--note', 'x'], env);
    assert.equal(unknown.code, 1);
    assert.equal(
      unknown.stderr,
      "rakuten: unknown schedule 'nope'; known schedules: ingest-every-15m, drift-every-2h, retention-daily\n",
    );
  });

  it('`temporal schedule list` shows ingest-every-15m', async (t) => {
    let temporal: string;
    try {
      ({ temporal } = resolveBinaries(['temporal'], {
        toolsDir: config.toolsDir,
        logger: createLogger({ format: 'json', level: 'silent' }),
        pythons: [],
      }));
    } catch {
      t.skip('the temporal CLI is neither on PATH nor in the tools folder');
      return;
    }
    const output = await eventually(() => {
      const result = spawnSync(
        temporal,
        [
          'schedule',
          'list',
          '--address',
          config.temporal.address,
          '--namespace',
          config.temporal.namespace,
        ],
        { encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      return Promise.resolve(result.stdout.includes(REAL_ID) ? result.stdout : undefined);
    });
    assert.match(output, /ingest-every-15m/);
  });
});

/** Every interval in milliseconds; the server leaves out a zero offset. */
function intervalsOf(schedule: ScheduleDescription): number[] {
  assert.ok(
    (schedule.spec.intervals ?? []).every((i) => !i.offset),
    'no offset',
  );
  return (schedule.spec.intervals ?? []).map((i) => i.every);
}

/** Polls until `probe` returns a value, for what the server's visibility store shows late. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
