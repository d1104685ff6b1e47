import { z } from 'zod';

const url = z.string().nullable().meta({ description: 'its page in the Temporal Web UI' });

export const scheduleView = z
  .object({
    id: z.string(),
    description: z.string(),
    workflow_type: z.string(),
    exists: z
      .boolean()
      .meta({ description: 'false until `rakuten setup` created it on the server' }),
    paused: z.boolean().nullable(),
    note: z
      .string()
      .nullable()
      .meta({ description: "Temporal's note: why it was last paused or unpaused" }),
    every_ms: z.number().nullable(),
    next_run_at: z.iso.datetime().nullable(),
    last_run: z
      .object({
        workflow_id: z.string(),
        started_at: z.iso.datetime(),
        status: z.string(),
        workflow_url: url,
      })
      .nullable(),
    schedule_url: url,
  })
  .meta({ id: 'Schedule', description: "one of the deployment's schedules, as the server has it" });

export type ScheduleView = z.output<typeof scheduleView>;

export const scheduleList = z
  .object({ items: z.array(scheduleView) })
  .meta({ id: 'ScheduleList', description: 'every schedule the deployment defines, in its order' });

export type ScheduleList = z.output<typeof scheduleList>;

export const scheduleTriggered = z
  .object({
    schedule: z.string(),
    workflow_id: z
      .string()
      .nullable()
      .meta({ description: 'the run started, once the schedule reports it' }),
    workflow_url: url,
  })
  .meta({ id: 'ScheduleTriggered' });

export type ScheduleTriggered = z.output<typeof scheduleTriggered>;
