import { z } from 'zod';
import { driftSeveritySchema } from '../../core/contracts/drift-severity';
import { scheduleView } from './schedules';

const url = z.string().nullable().meta({ description: 'its page in the Temporal Web UI' });

export const overview = z
  .object({
    champion: z
      .object({
        version: z.string(),
        family: z.string().nullable(),
        gold_weighted_f1: z.number().nullable(),
        since: z.iso.datetime().meta({ description: 'when the alias last moved to it' }),
        by: z.string(),
        workflow_id: z.string(),
        workflow_url: url,
      })
      .nullable(),
    controller: z.object({
      workflow_id: z.string(),
      workflow_url: url,
      state: z.enum(['running', 'not_running', 'no_answer']),
      problem: z.string().nullable(),
      backlog: z.number().nullable(),
      backlog_threshold: z.number().nullable(),
      running: z
        .object({
          workflow_id: z.string().nullable(),
          workflow_url: url,
          trigger: z.string(),
          reason: z.string(),
          started_at: z.iso.datetime(),
        })
        .nullable(),
      queued: z.object({ trigger: z.string(), reason: z.string(), by: z.string() }).nullable(),
      last_decision: z
        .object({
          action: z.string(),
          trigger: z.string(),
          reason: z.string(),
          at: z.iso.datetime(),
          training_workflow_id: z.string().nullable(),
        })
        .nullable()
        .meta({ description: 'from retrain_decisions, readable while the controller is down' }),
    }),
    last_training: z
      .object({
        workflow_id: z.string(),
        workflow_url: url,
        version: z.string(),
        stage: z.string(),
        created_at: z.iso.datetime(),
      })
      .nullable(),
    ingestion: z.object({
      last: z
        .object({
          workflow_id: z.string(),
          workflow_url: url,
          batches: z.number().int(),
          committed: z.boolean(),
          started_at: z.iso.datetime(),
          finished_at: z.iso.datetime().nullable(),
          inserted: z.number().int(),
          updated: z.number().int(),
          rejected: z.number().int(),
        })
        .nullable(),
      today: z.object({
        since: z.iso.datetime().meta({ description: 'midnight UTC' }),
        loaded: z.number().int(),
        rejected: z.number().int(),
      }),
    }),
    drift: z
      .object({
        id: z.string(),
        workflow_url: url,
        severity: driftSeveritySchema,
        status: z.string(),
        reason: z.string(),
        created_at: z.iso.datetime(),
        report_url: z.string().nullable(),
      })
      .nullable(),
    schedules: z.array(scheduleView),
    schedules_problem: z
      .string()
      .nullable()
      .meta({ description: 'why the schedules could not be read from Temporal' }),
  })
  .meta({ id: 'Overview', description: 'the deployment at a glance' });

export type Overview = z.output<typeof overview>;
