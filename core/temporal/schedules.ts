import { isDeepStrictEqual } from 'node:util';
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import type {
  Client,
  ScheduleDescription,
  ScheduleHandle,
  ScheduleOptions,
} from '@temporalio/client';
import type { Config } from '../config/config';
import { DEFAULT_BATCH_SIZE } from '../contracts/ingest-batch';
import type { IngestBatchInput } from '../contracts/ingest-batch';
import { DEFAULT_DRIFT_WINDOW, DEFAULT_SIGNAL_SEVERITY } from '../contracts/drift-check';
import type { DriftCheckInput } from '../contracts/drift-check';
import type { ApplyRetentionInput } from '../contracts/retention';
import { PIPELINE_TASK_QUEUE } from '../contracts/task-queues';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One recurring workflow start of this deployment; `applySchedules` makes the server match it. */
export interface ScheduleDefinition<Args extends unknown[] = unknown[]> {
  /** The schedule's ID on the server, and what `rakuten schedules` takes. */
  id: string;
  /** What it does: kept in the schedule's memo and as the summary of every run it starts. */
  description: string;
  /** Counted from the Unix epoch, so 15 minutes fires at :00, :15, :30 and :45 UTC. */
  everyMs: number;
  /** What happens when a run is due while the previous one still runs. */
  overlap: ScheduleOverlapPolicy;
  /** After a server outage, runs missed by more than this are dropped rather than started late. */
  catchupWindowMs: number;
  workflow: {
    /** The workflow's registered name; a string, so this file does not load workflow code. */
    type: string;
    taskQueue: string;
    args: Args;
    /** Each run's ID is this plus the time it was due. */
    workflowId: string;
  };
}

const ingestEvery15m: ScheduleDefinition<[IngestBatchInput]> = {
  id: 'ingest-every-15m',
  description: `Ingests the next batch of ${DEFAULT_BATCH_SIZE.toLocaleString('en')} rows from the registered sources every 15 minutes`,
  everyMs: 15 * MINUTE,
  // A batch that takes longer than 15 minutes should finish, not pile up runs behind it.
  overlap: ScheduleOverlapPolicy.SKIP,
  catchupWindowMs: HOUR,
  workflow: {
    type: 'ingestBatch',
    taskQueue: PIPELINE_TASK_QUEUE,
    args: [{ batchSize: DEFAULT_BATCH_SIZE }],
    workflowId: 'ingest-scheduled',
  },
};

const driftEvery2h: ScheduleDefinition<[DriftCheckInput]> = {
  id: 'drift-every-2h',
  description:
    'Compares recent products and predictions with the champion model training data every 2 hours, and tells the retraining controller of drift',
  everyMs: 2 * HOUR,
  overlap: ScheduleOverlapPolicy.SKIP,
  // A check late by more than an hour is as good as the next one.
  catchupWindowMs: HOUR,
  workflow: {
    type: 'driftCheck',
    taskQueue: PIPELINE_TASK_QUEUE,
    args: [{ window: DEFAULT_DRIFT_WINDOW, signalAt: DEFAULT_SIGNAL_SEVERITY }],
    workflowId: 'drift-scheduled',
  },
};

/** The configured days go in the run's input, so each run prunes exactly what was applied. */
function retentionDaily(retention: Config['retention']): ScheduleDefinition<[ApplyRetentionInput]> {
  const tables = [
    ['prediction_log', retention.predictionLogDays],
    ['rejected_rows', retention.rejectedRowsDays],
  ] as const;
  const pruned = tables.filter(([, days]) => days > 0);
  const kept = tables.filter(([, days]) => days === 0).map(([table]) => table);
  const deletes = pruned.map(([table, days]) => `of ${table} older than ${days} days`);
  const description =
    (pruned.length > 0
      ? `Once a day, deletes rows ${deletes.join(' and ')}`
      : 'Once a day, prunes nothing') +
    (kept.length > 0 ? `; keeps ${kept.join(' and ')} forever` : '');
  return {
    id: 'retention-daily',
    description,
    everyMs: DAY,
    overlap: ScheduleOverlapPolicy.SKIP,
    // A day missed while the server was down is pruned by the next run anyway.
    catchupWindowMs: 6 * HOUR,
    workflow: {
      type: 'applyRetention',
      taskQueue: PIPELINE_TASK_QUEUE,
      args: [
        {
          predictionLogDays: retention.predictionLogDays,
          rejectedRowsDays: retention.rejectedRowsDays,
        },
      ],
      workflowId: 'retention-scheduled',
    },
  };
}

/**
 * Every schedule this deployment has, with the configured retention. Without an argument the
 * configuration is read from the environment; callers holding a Config should pass it.
 */
export function deploymentSchedules(retention: Config['retention']): readonly ScheduleDefinition[] {
  return [ingestEvery15m, driftEvery2h, retentionDaily(retention)];
}

/** A schedule ID this deployment does not define, or one not created on the server yet. */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates the schedules that are missing and updates those that differ from their definition.
 * Updating keeps the paused state and note a user set; schedules are never deleted or recreated,
 * so their history of runs stays.
 */
export async function applySchedules(
  client: Client,
  definitions: readonly ScheduleDefinition[],
): Promise<{ id: string; outcome: ApplyOutcome }[]> {
  const results: { id: string; outcome: ApplyOutcome }[] = [];
  for (const definition of definitions) {
    results.push({ id: definition.id, outcome: await applySchedule(client, definition) });
  }
  return results;
}

async function applySchedule(
  client: Client,
  definition: ScheduleDefinition,
): Promise<ApplyOutcome> {
  const options = scheduleOptions(definition);
  const handle = client.schedule.getHandle(definition.id);
  const current = await describeOrUndefined(handle);
  if (!current) {
    try {
      await client.schedule.create(options);
      return 'created';
    } catch (error) {
      // Another process created it in between: fall through and bring it up to date.
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  } else if (isDeepStrictEqual(applied(current), wanted(definition))) {
    return 'unchanged';
  }
  await handle.update((previous) => ({
    spec: options.spec,
    action: options.action,
    policies: options.policies,
    state: {
      paused: previous.state.paused,
      note: previous.state.note,
      remainingActions: previous.state.remainingActions,
    },
  }));
  return 'updated';
}

function scheduleOptions(definition: ScheduleDefinition): ScheduleOptions {
  return {
    scheduleId: definition.id,
    spec: { intervals: [{ every: definition.everyMs }] },
    action: {
      type: 'startWorkflow',
      workflowType: definition.workflow.type,
      taskQueue: definition.workflow.taskQueue,
      workflowId: definition.workflow.workflowId,
      args: definition.workflow.args,
      // The memo below is fixed at creation (updates cannot change it); this summary follows
      // the definition, and the UI shows it on every run.
      staticSummary: definition.description,
    },
    policies: { overlap: definition.overlap, catchupWindow: definition.catchupWindowMs },
    memo: { description: definition.description },
  };
}

/** The parts of a schedule a definition sets, as the server describes them. */
function applied(current: ScheduleDescription) {
  return {
    intervals: (current.spec.intervals ?? []).map((i) => ({
      every: i.every,
      offset: i.offset ?? 0,
    })),
    calendars: (current.spec.calendars?.length ?? 0) + (current.spec.skip?.length ?? 0),
    window: [current.spec.startAt?.getTime(), current.spec.endAt?.getTime()],
    overlap: current.policies.overlap,
    catchupWindowMs: current.policies.catchupWindow,
    pauseOnFailure: current.policies.pauseOnFailure,
    workflowType: current.action.workflowType,
    taskQueue: current.action.taskQueue,
    workflowId: current.action.workflowId,
    args: current.action.args,
    summary: current.action.staticSummary,
  };
}

function wanted(definition: ScheduleDefinition): ReturnType<typeof applied> {
  return {
    intervals: [{ every: definition.everyMs, offset: 0 }],
    calendars: 0,
    window: [undefined, undefined],
    overlap: definition.overlap,
    catchupWindowMs: definition.catchupWindowMs,
    pauseOnFailure: false,
    workflowType: definition.workflow.type,
    taskQueue: definition.workflow.taskQueue,
    workflowId: definition.workflow.workflowId,
    args: definition.workflow.args,
    summary: definition.description,
  };
}

export interface ScheduleStatus {
  id: string;
  description: string;
  workflowType: string;
  /** False until `applySchedules` (`rakuten setup`, `npm start`) has created it on the server. */
  exists: boolean;
  paused?: boolean;
  note?: string;
  /** The interval the server runs, which may lag the definition until the next apply. */
  everyMs?: number;
  overlap?: ScheduleOverlapPolicy;
  catchupWindowMs?: number;
  nextRunAt?: Date;
  lastRun?: { workflowId: string; runId: string; startedAt: Date; status: string };
}

/** The server's state of each defined schedule, in definition order. */
export async function listSchedules(
  client: Client,
  definitions: readonly ScheduleDefinition[],
): Promise<ScheduleStatus[]> {
  const statuses: ScheduleStatus[] = [];
  for (const definition of definitions) {
    const base = {
      id: definition.id,
      description: definition.description,
      workflowType: definition.workflow.type,
    };
    const current = await describeOrUndefined(client.schedule.getHandle(definition.id));
    if (!current) {
      statuses.push({ ...base, exists: false });
      continue;
    }
    const last = current.info.recentActions.at(-1);
    statuses.push({
      ...base,
      exists: true,
      paused: current.state.paused,
      note: current.state.note,
      everyMs: current.spec.intervals?.[0]?.every,
      overlap: current.policies.overlap,
      catchupWindowMs: current.policies.catchupWindow,
      nextRunAt: current.info.nextActionTimes[0],
      lastRun: last && {
        workflowId: last.action.workflow.workflowId,
        runId: last.action.workflow.firstExecutionRunId,
        startedAt: last.takenAt,
        status: await runStatus(
          client,
          last.action.workflow.workflowId,
          last.action.workflow.firstExecutionRunId,
        ),
      },
    });
  }
  return statuses;
}

async function runStatus(client: Client, workflowId: string, runId: string): Promise<string> {
  try {
    return (await client.workflow.getHandle(workflowId, runId).describe()).status.name;
  } catch {
    // Past the namespace's retention the run is gone; the schedule still remembers it started.
    return 'UNKNOWN';
  }
}

export async function pauseSchedule(
  client: Client,
  id: string,
  note = 'paused with `rakuten schedules pause`',
  definitions: readonly ScheduleDefinition[],
): Promise<void> {
  await onExisting(client, id, definitions, (handle) => handle.pause(note));
}

export async function unpauseSchedule(
  client: Client,
  id: string,
  note = 'unpaused with `rakuten schedules unpause`',
  definitions: readonly ScheduleDefinition[],
): Promise<void> {
  await onExisting(client, id, definitions, (handle) => handle.unpause(note));
}

/**
 * Starts one run now, even while a scheduled run is still going or the schedule is paused.
 * Returns the started run's workflow ID once the schedule reports it (undefined if it is slow to).
 */
export async function triggerSchedule(
  client: Client,
  id: string,
  definitions: readonly ScheduleDefinition[],
  waitMs = 10_000,
): Promise<{ workflowId?: string }> {
  return onExisting(client, id, definitions, async (handle) => {
    const before = lastActionKey(await handle.describe());
    await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const last = (await handle.describe()).info.recentActions.at(-1);
      if (last && actionKey(last) !== before)
        return { workflowId: last.action.workflow.workflowId };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return {};
  });
}

type RecentAction = ScheduleDescription['info']['recentActions'][number];

function actionKey(action: RecentAction): string {
  return `${action.action.workflow.workflowId}/${action.action.workflow.firstExecutionRunId}`;
}

function lastActionKey(current: ScheduleDescription): string | undefined {
  const last = current.info.recentActions.at(-1);
  return last && actionKey(last);
}

/** The definition with this ID; a ScheduleError naming the known IDs if there is none. */
export function findSchedule(
  id: string,
  definitions: readonly ScheduleDefinition[],
): ScheduleDefinition {
  const found = definitions.find((d) => d.id === id);
  if (found) return found;
  const known = definitions.map((d) => d.id).join(', ');
  throw new ScheduleError(`unknown schedule '${id}'; known schedules: ${known || 'none'}`);
}

/** Runs `fn` on a defined schedule, turning an unknown or missing ID into a ScheduleError. */
async function onExisting<T>(
  client: Client,
  id: string,
  definitions: readonly ScheduleDefinition[],
  fn: (handle: ScheduleHandle) => Promise<T>,
): Promise<T> {
  findSchedule(id, definitions);
  try {
    return await fn(client.schedule.getHandle(id));
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) throw notOnServer(id);
    throw error;
  }
}

function notOnServer(id: string): ScheduleError {
  return new ScheduleError(
    `schedule '${id}' is not on the Temporal server yet; create it with \`rakuten schedules apply\``,
  );
}

async function describeOrUndefined(
  handle: ScheduleHandle,
): Promise<ScheduleDescription | undefined> {
  try {
    return await handle.describe();
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    throw error;
  }
}
