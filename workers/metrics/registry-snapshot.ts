import { sql } from 'kysely';
import { driftSeveritySchema, severityRank } from '../../core/contracts/drift-severity';
import type { Db } from '../../core/db/connect';
import { CHAMPION } from '../../activities/registry/champion';
import { DEFAULT_THRESHOLDS } from '../../core/contracts/retrain-controller';

/** What the worker's metrics read from PostgreSQL at a scrape; see worker-metrics.ts. */
export interface RegistrySnapshot {
  rowsIngested: number;
  rowsRejected: number;
  lastIngestSeconds: number | null;
  models: { version: string; family: string; f1: number }[];
  champion: { version: string; f1: number } | null;
  f1Floor: number;
  gate: { outcome: 'promoted' | 'rejected'; count: number }[];
  decisions: { trigger: string; action: string; count: number }[];
  drift: {
    checkedSeconds: number | null;
    features: { feature: string; severity: number; scores: Record<string, number> }[];
  };
}

/**
 * Reads everything at once. The figures live in the database rather than in one process, so
 * every worker reports the same values, and a restart loses none of them.
 */
export async function readRegistrySnapshot(db: Db): Promise<RegistrySnapshot> {
  const [ingest, models, champion, decision, gate, decisions, latestCheck, latestDrift] =
    await Promise.all([
      db
        .selectFrom('ingest_batches')
        .select([
          sql<string>`coalesce(sum(inserted + updated), 0)`.as('ingested'),
          sql<string>`coalesce(sum(rejected), 0)`.as('rejected'),
          sql<Date | null>`max(committed_at)`.as('last'),
        ])
        .where('status', '=', 'committed')
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('model_versions')
        .select(['version', 'family', 'gold_weighted_f1'])
        .where('gold_weighted_f1', 'is not', null)
        .execute(),
      db
        .selectFrom('model_aliases')
        .innerJoin('model_versions', 'model_versions.version', 'model_aliases.version')
        .select(['model_versions.version', 'model_versions.gold_weighted_f1'])
        .where('model_aliases.alias', '=', CHAMPION)
        .executeTakeFirst(),
      db
        .selectFrom('retrain_decisions')
        .select('state')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('model_versions')
        .select([
          sql<boolean>`(gate->>'promoted')::boolean`.as('promoted'),
          sql<string>`count(*)`.as('n'),
        ])
        .where('gate', 'is not', null)
        .groupBy(sql`(gate->>'promoted')::boolean`)
        .execute(),
      db
        .selectFrom('retrain_decisions')
        .select(['trigger', 'action', sql<string>`count(*)`.as('n')])
        .groupBy(['trigger', 'action'])
        .execute(),
      db
        .selectFrom('drift_reports')
        .select(sql<Date | null>`max(created_at)`.as('at'))
        .executeTakeFirst(),
      db
        .selectFrom('drift_reports')
        .select('result')
        .where('status', '=', 'ok')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
  const thresholds = (decision?.state as { thresholds?: { f1Floor?: number } } | undefined)
    ?.thresholds;
  return {
    rowsIngested: Number(ingest.ingested),
    rowsRejected: Number(ingest.rejected),
    lastIngestSeconds: ingest.last ? new Date(ingest.last).getTime() / 1000 : null,
    models: models.map((m) => ({
      version: m.version,
      family: m.family ?? 'unknown',
      f1: m.gold_weighted_f1!,
    })),
    champion:
      champion && champion.gold_weighted_f1 !== null
        ? { version: champion.version, f1: champion.gold_weighted_f1 }
        : null,
    // The floor the controller last decided with: the one its F1-floor rule applies.
    f1Floor: thresholds?.f1Floor ?? DEFAULT_THRESHOLDS.f1Floor,
    gate: gate.map((g) => ({ outcome: g.promoted ? 'promoted' : 'rejected', count: Number(g.n) })),
    decisions: decisions.map((d) => ({ trigger: d.trigger, action: d.action, count: Number(d.n) })),
    drift: {
      checkedSeconds: latestCheck?.at ? new Date(latestCheck.at).getTime() / 1000 : null,
      features: driftFeatures(latestDrift?.result),
    },
  };
}

// The statistics of a stored feature (see drift/compare.ts) under the label values the
// dashboards use.
const STATISTIC_LABELS: Record<string, string> = {
  psi: 'psi',
  jsDistance: 'js',
  klDivergence: 'kl',
};

/** The per-feature severities and scores of a stored drift result. */
function driftFeatures(result: unknown): RegistrySnapshot['drift']['features'] {
  const features = (result as { features?: unknown[] } | null | undefined)?.features;
  if (!Array.isArray(features)) return [];
  return features.flatMap((f) => {
    const feature = f as {
      name?: unknown;
      severity?: string;
      statistics?: Record<string, unknown> | null;
    };
    if (typeof feature.name !== 'string') return [];
    const scores: Record<string, number> = {};
    for (const [key, value] of Object.entries(feature.statistics ?? {})) {
      if (typeof value === 'number' && key in STATISTIC_LABELS)
        scores[STATISTIC_LABELS[key]!] = value;
      const test = value as { kind?: unknown; statistic?: unknown } | null;
      if (key === 'test' && typeof test?.kind === 'string' && typeof test.statistic === 'number')
        scores[test.kind] = test.statistic;
    }
    for (const [label, value] of Object.entries(scores))
      if (!Number.isFinite(value)) delete scores[label];
    return [
      {
        feature: feature.name,
        // A stored result from another version of the scale reads as none rather than failing.
        severity: severityRank(driftSeveritySchema.catch('none').parse(feature.severity)),
        scores,
      },
    ];
  });
}
