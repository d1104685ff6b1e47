import { z } from 'zod';
import { cvHistory, listTrainingRuns } from '../../activities/registry/training-runs';
import type { TrainingRun } from '../../activities/registry/training-runs';
import type { Db } from '../../core/db/connect';
import { workflowUrl } from '../../core/temporal/web-ui';
import type { ConsoleContext } from '../console/page';
import { cvHistory as cvHistorySchema, MODEL_STAGES, trainingRunPage } from '../responses/runs';
import type { CvHistoryView, TrainingRunView } from '../responses/runs';
import { route } from '../route';
import type { Route } from '../route';
import { pageQuery } from '../schemas';
import type { Page } from '../schemas';

export interface RunsDeps {
  db: Db;
  console: ConsoleContext;
}

export const runsQuery = z.object({
  ...pageQuery,
  family: z
    .string()
    .max(40)
    .regex(/^[a-z0-9_-]+$/, 'family is a model family name, such as logreg')
    .optional()
    .meta({ description: 'only runs that chose this family' }),
  stage: z.enum(MODEL_STAGES).optional().meta({ description: 'only runs at this stage' }),
});

export type RunsQuery = z.output<typeof runsQuery>;

export const cvHistoryQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .meta({ description: 'the newest runs to draw, at most 200' }),
});

function number(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function present(run: TrainingRun, ui: ConsoleContext): TrainingRunView {
  const p = run.parameters ?? {};
  return {
    workflow_id: run.workflowId,
    workflow_url: workflowUrl(ui.temporalUiUrl, ui.namespace, run.workflowId) ?? null,
    version: run.version,
    stage: run.stage,
    trigger: run.trigger,
    dataset_version: run.datasetVersion,
    seed: run.seed,
    candidates: run.candidates.map((c) => ({
      family: c.family,
      hyper: c.hyper,
      cv_weighted_f1: c.cvWeightedF1,
      seconds: c.seconds,
    })),
    chosen: run.family
      ? {
          family: run.family,
          hyper: p.hyper ?? null,
          temperature: number(p.temperature),
          cv: run.cv,
        }
      : null,
    folds: number(p.folds),
    gold_weighted_f1: run.goldWeightedF1,
    durations: run.durations,
    gate: run.gate,
    created_at: run.createdAt.toISOString(),
    registered_at: run.registeredAt?.toISOString() ?? null,
  };
}

/** A page of training runs, newest first: for the JSON route and the runs page. */
export async function readRuns(deps: RunsDeps, query: RunsQuery): Promise<Page<TrainingRunView>> {
  const { items, total } = await listTrainingRuns(deps.db, query);
  return {
    total,
    offset: query.offset,
    limit: query.limit,
    items: items.map((run) => present(run, deps.console)),
  };
}

/** CV weighted F1 per family over the newest runs, oldest first. */
export async function readCvHistory(deps: RunsDeps, limit: number): Promise<CvHistoryView> {
  const runs = await cvHistory(deps.db, limit);
  const families = [...new Set(runs.flatMap((r) => r.candidates.map((c) => c.family)))].sort();
  return {
    families,
    runs: runs.map((r) => ({
      version: r.version,
      created_at: r.createdAt.toISOString(),
      cv_weighted_f1: Object.fromEntries(r.candidates.map((c) => [c.family, c.cvWeightedF1])),
    })),
  };
}

/** Every trainModel run, as MLflow lists experiments' runs. */
export function runsRoutes(deps: RunsDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/runs',
      operationId: 'listRuns',
      summary: 'Training runs, newest first: trigger, candidates, chosen family, step times, gate',
      tag: 'runs',
      auth: 'none',
      query: runsQuery,
      responses: {
        200: { description: 'a page of runs', body: trainingRunPage },
      },
      handler: async (_req, res, _body, _params, query) => {
        res.json(await readRuns(deps, query));
      },
    }),
    route({
      method: 'get',
      path: '/runs/cv-history',
      operationId: 'getRunsCvHistory',
      summary: 'CV weighted F1 per family over the newest registered runs',
      tag: 'runs',
      auth: 'none',
      query: cvHistoryQuery,
      responses: {
        200: { description: 'the runs, oldest first', body: cvHistorySchema },
      },
      handler: async (_req, res, _body, _params, { limit }) => {
        res.json(await readCvHistory(deps, limit));
      },
    }),
  ];
}
