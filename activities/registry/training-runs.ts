import type { Db } from '../../core/db/connect';
import type { ModelStage } from '../../core/db/schema';
import { triggersOf } from './retrain-decisions';

/** One candidate family of a run, as trainModel records it in `metrics.candidates`. */
export interface RunCandidate {
  family: string;
  hyper: unknown;
  cvWeightedF1: number | null;
  seconds: number | null;
}

/** One trainModel run: its model_versions row, claimed when it started, and why it ran. */
export interface TrainingRun {
  workflowId: string;
  version: string;
  stage: ModelStage;
  /** The controller's trigger and reason; 'manual' for a run started outside it. */
  trigger: { kind: string; reason: string | null };
  datasetVersion: string;
  seed: number;
  /** The chosen family, once refit; null while training or when it failed before. */
  family: string | null;
  parameters: Record<string, unknown> | null;
  candidates: RunCandidate[];
  cv: Record<string, unknown> | null;
  goldWeightedF1: number | null;
  durations: Record<string, number> | null;
  gate: { promoted: boolean; reason: string } | null;
  createdAt: Date;
  registeredAt: Date | null;
}

export interface RunFilters {
  family?: string;
  stage?: ModelStage;
}

/** Newest first, `limit` from `offset`, and how many runs match the filters. */
export async function listTrainingRuns(
  db: Db,
  query: RunFilters & { offset: number; limit: number },
): Promise<{ items: TrainingRun[]; total: number }> {
  let filtered = db.selectFrom('model_versions');
  if (query.family !== undefined) filtered = filtered.where('family', '=', query.family);
  if (query.stage !== undefined) filtered = filtered.where('stage', '=', query.stage);
  const [rows, count] = await Promise.all([
    filtered
      .select([
        'workflow_id',
        'version',
        'stage',
        'dataset_version',
        'seed',
        'family',
        'parameters',
        'metrics',
        'gold_weighted_f1',
        'durations',
        'gate',
        'created_at',
        'registered_at',
      ])
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const triggers = await triggersOf(
    db,
    rows.map((r) => r.workflow_id),
  );
  const items = rows.map((row): TrainingRun => {
    const trigger = triggers.get(row.workflow_id);
    const metrics = row.metrics ?? {};
    return {
      workflowId: row.workflow_id,
      version: row.version,
      stage: row.stage,
      trigger: trigger
        ? { kind: trigger.trigger, reason: trigger.reason }
        : { kind: 'manual', reason: null },
      datasetVersion: row.dataset_version,
      seed: row.seed,
      family: row.family,
      parameters: (row.parameters as Record<string, unknown> | null) ?? null,
      candidates: candidatesOf(metrics.candidates),
      cv: isRecord(metrics.cv) ? metrics.cv : null,
      goldWeightedF1: row.gold_weighted_f1,
      durations: row.durations,
      gate: row.gate ? { promoted: row.gate.promoted, reason: row.gate.reason } : null,
      createdAt: row.created_at,
      registeredAt: row.registered_at,
    };
  });
  return { items, total: Number(count.n) };
}

/** CV weighted F1 per family of the newest `limit` registered runs, oldest first for a chart. */
export async function cvHistory(
  db: Db,
  limit: number,
): Promise<{ version: string; createdAt: Date; candidates: RunCandidate[] }[]> {
  const rows = await db
    .selectFrom('model_versions')
    .select(['version', 'created_at', 'metrics'])
    .where('stage', '=', 'registered')
    .orderBy('created_at', 'desc')
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((row) => ({
    version: row.version,
    createdAt: row.created_at,
    candidates: candidatesOf(row.metrics?.candidates),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `metrics.candidates` as recorded; versions registered before it was recorded have none. */
export function candidatesOf(value: unknown): RunCandidate[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((c) => ({
    family: String(c.family),
    hyper: c.hyper ?? null,
    cvWeightedF1: typeof c.cvWeightedF1 === 'number' ? c.cvWeightedF1 : null,
    seconds: typeof c.seconds === 'number' ? c.seconds : null,
  }));
}
