import type { Client } from '@temporalio/client';
import { latestDriftReport } from '../../activities/drift/drift-reports';
import { ingestSummary } from '../../activities/ingest/ingest-summary';
import { championSummary } from '../../activities/registry/champion-summary';
import { lastRetrainDecision } from '../../activities/registry/retrain-decisions';
import { listTrainingRuns } from '../../activities/registry/training-runs';
import type { Db } from '../../core/db/connect';
import { RETRAIN_CONTROLLER_ID } from '../../core/contracts/retrain-controller';
import { readControllerStatus } from '../../core/temporal/controller-status';
import type { ScheduleDefinition } from '../../core/temporal/schedules';
import { workflowUrl } from '../../core/temporal/web-ui';
import type { ConsoleContext } from '../console/page';
import { overview } from '../responses/overview';
import type { Overview } from '../responses/overview';
import { route } from '../route';
import type { Route } from '../route';
import { readSchedules } from './schedules';

export interface OverviewDeps {
  db: Db;
  client: Client;
  console: ConsoleContext;
  schedules: readonly ScheduleDefinition[];
}

/** Long enough for a busy worker, short enough that a page waits no longer for a stopped one. */
export const CONTROLLER_ANSWER_MS = 3_000;

/** Temporal's schedules, or why they could not be read: the rest of the page still shows. */
async function schedulesOrProblem(deps: OverviewDeps) {
  try {
    return { schedules: (await readSchedules(deps)).items, schedules_problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { schedules: [], schedules_problem: `could not read the schedules: ${message}` };
  }
}

/** The deployment at a glance: for `GET /overview` and the console's first page. */
export async function readOverview(deps: OverviewDeps): Promise<Overview> {
  const { db } = deps;
  const link = (id: string, runId?: string) =>
    workflowUrl(deps.console.temporalUiUrl, deps.console.namespace, id, runId) ?? null;
  const [champion, controller, decision, runs, ingestion, drift, schedules] = await Promise.all([
    championSummary(db),
    readControllerStatus(deps.client, CONTROLLER_ANSWER_MS),
    lastRetrainDecision(db),
    listTrainingRuns(db, { offset: 0, limit: 1 }),
    ingestSummary(db),
    latestDriftReport(db),
    schedulesOrProblem(deps),
  ]);
  const status = controller.state === 'running' ? controller.status : null;
  const training = runs.items[0];
  return {
    champion: champion && {
      version: champion.version,
      family: champion.family,
      gold_weighted_f1: champion.goldWeightedF1,
      since: champion.since.toISOString(),
      by: champion.by,
      workflow_id: champion.workflowId,
      workflow_url: link(champion.workflowId),
    },
    controller: {
      workflow_id: RETRAIN_CONTROLLER_ID,
      workflow_url: link(RETRAIN_CONTROLLER_ID),
      state: controller.state,
      problem: controller.state === 'no_answer' ? controller.problem : null,
      backlog: status?.backlog ?? null,
      backlog_threshold: status?.thresholds.backlogRows ?? null,
      running: status?.running
        ? {
            workflow_id: status.running.workflowId,
            workflow_url: status.running.workflowId ? link(status.running.workflowId) : null,
            trigger: status.running.trigger,
            reason: status.running.reason,
            started_at: status.running.startedAt,
          }
        : null,
      queued: status?.queued
        ? { trigger: status.queued.trigger, reason: status.queued.reason, by: status.queued.by }
        : null,
      last_decision: decision
        ? {
            action: decision.action,
            trigger: decision.trigger,
            reason: decision.reason,
            at: decision.at.toISOString(),
            training_workflow_id: decision.training_workflow_id,
          }
        : null,
    },
    last_training: training
      ? {
          workflow_id: training.workflowId,
          workflow_url: link(training.workflowId),
          version: training.version,
          stage: training.stage,
          created_at: training.createdAt.toISOString(),
        }
      : null,
    ingestion: {
      last: ingestion.last && {
        workflow_id: ingestion.last.workflowId,
        workflow_url: link(ingestion.last.workflowId),
        batches: ingestion.last.batches,
        committed: ingestion.last.committed,
        started_at: ingestion.last.startedAt.toISOString(),
        finished_at: ingestion.last.finishedAt?.toISOString() ?? null,
        inserted: ingestion.last.inserted,
        updated: ingestion.last.updated,
        rejected: ingestion.last.rejected,
      },
      today: {
        since: ingestion.today.since.toISOString(),
        loaded: ingestion.today.loaded,
        rejected: ingestion.today.rejected,
      },
    },
    drift: drift
      ? {
          id: drift.id,
          // A report's ID is its driftCheck workflow's ID.
          workflow_url: link(drift.id),
          severity: drift.severity,
          status: drift.status,
          reason: drift.reason,
          created_at: drift.created_at.toISOString(),
          report_url: drift.report_key ? `/drift/${encodeURIComponent(drift.id)}/report` : null,
        }
      : null,
    ...schedules,
  };
}

export function overviewRoutes(deps: OverviewDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/overview',
      operationId: 'getOverview',
      summary:
        'The champion, the retraining controller, the last ingestion, drift check and training, and the schedules',
      tag: 'service',
      auth: 'none',
      responses: { 200: { description: 'the deployment at a glance', body: overview } },
      handler: async (_req, res) => {
        res.json(await readOverview(deps));
      },
    }),
  ];
}
