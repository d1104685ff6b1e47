import { sql } from 'kysely';
import type { Db } from '../core/db/connect';

export interface ConsoleScale {
  /** Model versions in all (the real ones included). */
  versions: number;
  /** Of them, the ones a retraining decision started: the runs with a trigger. */
  runs: number;
  rejectedRows: number;
  driftChecks: number;
}

export const ISSUE_SCALE: ConsoleScale = {
  versions: 1_000,
  runs: 500,
  rejectedRows: 100_000,
  driftChecks: 300,
};

// The reasons ingestion writes (activities/ingest/validate-row.ts), in the proportions a messy
// merchant file might have.
const REASONS = [
  'expected 5 fields, found 4',
  'expected 5 fields, found 7',
  'designation is empty',
  'productid "12a" is not an integer',
  'imageid "x" is not an integer',
  'unknown prdtypecode "9999"',
  'prdtypecode is empty',
  'the Y file has no label for index 99999',
  'description is not valid UTF-8',
];

/**
 * Fills a deployment that already holds real versions (trained on its real source) up to
 * `scale`, in SQL: the registry rows, decisions, audit events, rejected rows and drift reports
 * the console lists, shaped as the pipeline writes them. Set-based, so 100,000 rows take seconds.
 */
export async function seedConsoleScale(db: Db, scale: ConsoleScale): Promise<void> {
  const existing = await db
    .selectFrom('model_versions')
    .select(['dataset_version', 'workflow_id'])
    .orderBy('created_at')
    .execute();
  const dataset = existing[0]?.dataset_version;
  if (!dataset) throw new Error('seed a deployment that has trained at least one version');
  const source = await db
    .selectFrom('ingest_batches')
    .select(['source_id', 'id'])
    .orderBy('planned_at')
    .executeTakeFirstOrThrow();
  const extra = scale.versions - existing.length;
  const families = ['cnb', 'logreg', 'svm', 'mlp'];

  // Versions of past days, one an hour, stages and gate decisions mixed as real runs end.
  await sql`
    INSERT INTO model_versions (version, workflow_id, stage, dataset_version, family, parameters,
      seed, metrics, durations, gate, created_at, registered_at)
    SELECT
      'm-2025' || to_char(date '2025-01-01' + (i / 24), 'MMDD') || '-' || lpad((i % 24 + 1)::text, 4, '0'),
      'train-bench-' || i,
      CASE WHEN i % 37 = 0 THEN 'failed' ELSE 'registered' END,
      ${dataset},
      (${sql.val(families)}::text[])[1 + i % 4],
      jsonb_build_object('hyper', jsonb_build_object('C', 0.5 + (i % 3)), 'families', ${sql.val(families)}::text[], 'folds', 3),
      i,
      jsonb_build_object(
        'gold', jsonb_build_object('n', 900, 'weightedF1', 0.6 + (i % 300) / 1000.0,
          'macroF1', 0.55 + (i % 300) / 1000.0, 'accuracy', 0.62 + (i % 300) / 1000.0, 'ece', 0.03),
        'cv', jsonb_build_object('weightedF1', 0.61 + (i % 290) / 1000.0),
        'candidates', (SELECT jsonb_agg(jsonb_build_object('family', f, 'cvWeightedF1',
            0.5 + ((i + length(f)) % 400) / 1000.0, 'hyper', jsonb_build_object('C', 1), 'seconds', 12.5 + i % 40))
          FROM unnest(${sql.val(families)}::text[]) AS f)),
      jsonb_build_object('snapshot', 2.1, 'candidates', 95.0 + i % 50, 'refit', 21.0, 'gold', 3.2, 'export', 1.4),
      CASE WHEN i % 37 = 0 THEN NULL ELSE jsonb_build_object('promoted', i % 5 = 0,
        'reason', CASE WHEN i % 5 = 0 THEN 'beats the champion by 0.012' ELSE 'does not beat the champion by 0.005' END) END,
      timestamp '2025-01-01' + make_interval(hours => i),
      CASE WHEN i % 37 = 0 THEN NULL ELSE timestamp '2025-01-01' + make_interval(hours => i, mins => 20) END
    FROM generate_series(1, ${extra}) AS i
  `.execute(db);

  // The runs a decision started, by the triggers the controller records.
  await sql`
    INSERT INTO retrain_decisions (at, controller_id, action, trigger, reason, training_workflow_id, state)
    SELECT timestamp '2025-01-01' + make_interval(hours => i),
      'retrain-controller', 'train',
      (ARRAY['backlog', 'drift', 'schedule', 'request'])[1 + i % 4],
      'backlog of ' || (1000 + i) || ' new labelled rows reached its threshold',
      'train-bench-' || i,
      jsonb_build_object('backlog', 1000 + i)
    FROM generate_series(1, ${Math.min(scale.runs, extra)}) AS i
  `.execute(db);

  // Every fifth version promoted by the gate over the one before it, as the audit log records.
  await sql`
    WITH promoted AS (
      SELECT i, 'm-2025' || to_char(date '2025-01-01' + (i / 24), 'MMDD') || '-' ||
        lpad((i % 24 + 1)::text, 4, '0') AS version
      FROM generate_series(5, ${extra}, 5) AS i)
    INSERT INTO model_events (at, kind, actor, reason, version, previous_version, next_version, details)
    SELECT timestamp '2025-01-01' + make_interval(hours => i, mins => 30), 'promoted', 'gate',
      'beats the champion by 0.012', version, lag(version) OVER (ORDER BY i), version,
      jsonb_build_object('gate', jsonb_build_object('promoted', true))
    FROM promoted
  `.execute(db);

  // Rows the way ingestion keeps them: the raw line and why it was refused.
  await sql`
    INSERT INTO rejected_rows (source_id, row_number, line, reason, raw_text, raw_bytes, batch_id, rejected_at)
    SELECT ${source.source_id}, 1000000 + i, 1000001 + i,
      (${sql.val(REASONS)}::text[])[1 + (i * 7) % ${REASONS.length}],
      i || ',"Lot de ' || i || ' objets ' || repeat('description longue et riche ', 20) || '",' || i,
      NULL, ${source.id},
      now() - make_interval(secs => i)
    FROM generate_series(1, ${scale.rejectedRows}) AS i
  `.execute(db);

  await sql`
    INSERT INTO drift_reports (id, created_at, status, severity, reason, champion_version,
      dataset_version, "window", result)
    SELECT 'drift-bench-' || i, now() - make_interval(hours => i), 'ok',
      (ARRAY['none', 'low', 'medium', 'high'])[1 + (i * 3) % 4],
      'scheduled check', NULL, ${dataset},
      jsonb_build_object('current', 1000, 'reference', 5000), NULL
    FROM generate_series(1, ${scale.driftChecks}) AS i
  `.execute(db);
  await sql`ANALYZE`.execute(db);
}
