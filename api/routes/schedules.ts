import type { Client } from '@temporalio/client';
import { z } from 'zod';
import {
  listSchedules,
  pauseSchedule,
  ScheduleError,
  triggerSchedule,
  unpauseSchedule,
} from '../../core/temporal/schedules';
import type { ScheduleDefinition, ScheduleStatus } from '../../core/temporal/schedules';
import { scheduleUrl, workflowUrl } from '../../core/temporal/web-ui';
import { actorOf } from '../auth';
import { ApiError } from '../errors';
import type { ConsoleContext } from '../console/page';
import { errorResponse } from '../responses/errors';
import { scheduleList, scheduleTriggered, scheduleView } from '../responses/schedules';
import type { ScheduleList, ScheduleTriggered, ScheduleView } from '../responses/schedules';
import { route } from '../route';
import type { Auth, Route } from '../route';
import { reasonInput } from '../schemas';

export interface SchedulesDeps {
  client: Client;
  schedules: readonly ScheduleDefinition[];
  console: ConsoleContext;
}

const OPERATE: Auth = { scope: 'operate' };

const idParams = z.object({
  id: z.string().max(200).meta({ description: 'a schedule ID', example: 'drift-every-2h' }),
});

const noteInput = z
  .object({ reason: reasonInput.shape.reason.optional() })
  .meta({ id: 'ScheduleNoteInput' });

export function presentSchedule(s: ScheduleStatus, ui: ConsoleContext): ScheduleView {
  return {
    id: s.id,
    description: s.description,
    workflow_type: s.workflowType,
    exists: s.exists,
    paused: s.paused ?? null,
    note: s.note ?? null,
    every_ms: s.everyMs ?? null,
    next_run_at: s.nextRunAt?.toISOString() ?? null,
    last_run: s.lastRun
      ? {
          workflow_id: s.lastRun.workflowId,
          started_at: s.lastRun.startedAt.toISOString(),
          status: s.lastRun.status,
          workflow_url:
            workflowUrl(ui.temporalUiUrl, ui.namespace, s.lastRun.workflowId, s.lastRun.runId) ??
            null,
        }
      : null,
    schedule_url: scheduleUrl(ui.temporalUiUrl, ui.namespace, s.id) ?? null,
  };
}

/** The deployment's schedules as Temporal has them; for the JSON route and the overview. */
export async function readSchedules(deps: SchedulesDeps): Promise<ScheduleList> {
  const statuses = await listSchedules(deps.client, deps.schedules);
  return { items: statuses.map((s) => presentSchedule(s, deps.console)) };
}

/** Only the deployment's own schedules are shown or operated: any other ID is unknown. */
function known(deps: SchedulesDeps, id: string): void {
  if (!deps.schedules.some((d) => d.id === id)) {
    throw new ApiError(404, 'not_found', `there is no schedule ${id}`);
  }
}

/** A defined schedule not created on the server yet. */
async function onServer<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ScheduleError) throw new ApiError(409, 'conflict', error.message);
    throw error;
  }
}

async function readOne(deps: SchedulesDeps, id: string): Promise<ScheduleView> {
  const [status] = await listSchedules(
    deps.client,
    deps.schedules.filter((d) => d.id === id),
  );
  return presentSchedule(status!, deps.console);
}

/** The recurring runs: listed for everyone, paused, unpaused and triggered with an operate token. */
export function schedulesRoutes(deps: SchedulesDeps): Route[] {
  const operated = {
    200: { description: 'the schedule now', body: scheduleView },
    404: errorResponse('no such schedule in this deployment'),
    409: errorResponse('the schedule is not on the Temporal server yet (`rakuten setup`)'),
  } as const;
  return [
    route({
      method: 'get',
      path: '/schedules',
      operationId: 'listSchedules',
      summary: "The deployment's schedules, their next run and paused state",
      tag: 'operations',
      auth: 'none',
      responses: { 200: { description: 'the schedules', body: scheduleList } },
      handler: async (_req, res) => {
        res.json(await readSchedules(deps));
      },
    }),
    route({
      method: 'post',
      path: '/schedules/:id/pause',
      operationId: 'pauseSchedule',
      summary: 'Pause a schedule: no run starts until it is unpaused',
      tag: 'operations',
      auth: OPERATE,
      params: idParams,
      body: reasonInput,
      responses: operated,
      handler: async (_req, res, { reason }, { id }) => {
        known(deps, id);
        await onServer(() =>
          pauseSchedule(deps.client, id, `${actorOf(res)}: ${reason}`, deps.schedules),
        );
        res.json(await readOne(deps, id));
      },
    }),
    route({
      method: 'post',
      path: '/schedules/:id/unpause',
      operationId: 'unpauseSchedule',
      summary: 'Unpause a schedule',
      tag: 'operations',
      auth: OPERATE,
      params: idParams,
      body: noteInput.optional(),
      responses: operated,
      handler: async (_req, res, body, { id }) => {
        known(deps, id);
        const note = `${actorOf(res)}: ${body?.reason ?? 'unpaused through the API'}`;
        await onServer(() => unpauseSchedule(deps.client, id, note, deps.schedules));
        res.json(await readOne(deps, id));
      },
    }),
    route({
      method: 'post',
      path: '/schedules/:id/trigger',
      operationId: 'triggerSchedule',
      summary: "Start one run of a schedule's workflow now, paused or not",
      tag: 'operations',
      auth: OPERATE,
      params: idParams,
      responses: {
        202: { description: 'started', body: scheduleTriggered },
        404: operated[404],
        409: operated[409],
      },
      handler: async (_req, res, _body, { id }) => {
        known(deps, id);
        const { workflowId } = await onServer(() =>
          triggerSchedule(deps.client, id, deps.schedules),
        );
        const ui = deps.console;
        res.status(202).json({
          schedule: id,
          workflow_id: workflowId ?? null,
          workflow_url: workflowId
            ? (workflowUrl(ui.temporalUiUrl, ui.namespace, workflowId) ?? null)
            : null,
        } satisfies ScheduleTriggered);
      },
    }),
  ];
}
