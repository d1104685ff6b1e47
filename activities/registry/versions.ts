import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { ModelVersionsTable } from '../../core/db/schema';
import { RegistryError } from './errors';

export type ModelVersionRow = Selectable<ModelVersionsTable>;

/** `m-YYYYMMDD-NNNN`: sortable by creation, short enough to type. */
export function formatModelVersion(day: string, n: number): string {
  return `m-${day}-${String(n).padStart(4, '0')}`;
}

/**
 * The model version of a trainModel run, claimed on its first call and found again on every
 * retry, so a run registers exactly one version whatever crashes in between.
 */
export async function claimModelVersion(
  db: Db,
  input: { workflowId: string; datasetVersion: string; seed: number; startedAt: Date },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    // Claims of one day are numbered in turn: two runs starting together must not both take n.
    await sql`SELECT pg_advisory_xact_lock(hashtext('model_versions'))`.execute(trx);
    const existing = await trx
      .selectFrom('model_versions')
      .select('version')
      .where('workflow_id', '=', input.workflowId)
      .executeTakeFirst();
    if (existing) return existing.version;
    const day = input.startedAt.toISOString().slice(0, 10).replaceAll('-', '');
    const last = await trx
      .selectFrom('model_versions')
      .select('version')
      .where('version', 'like', `m-${day}-%`)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const n = last ? Number(last.version.slice(-4)) + 1 : 1;
    const version = formatModelVersion(day, n);
    await trx
      .insertInto('model_versions')
      .values({
        version,
        workflow_id: input.workflowId,
        stage: 'training',
        dataset_version: input.datasetVersion,
        seed: input.seed,
      })
      .execute();
    return version;
  });
}

export interface Registration {
  version: string;
  family: string;
  parameters: object;
  metrics: Record<string, unknown>;
  goldWeightedF1: number;
  gitCommit: string | null;
  durations: Record<string, number>;
  artifacts: Record<string, string>;
  artifactSha256: Record<string, string>;
  actor: string;
}

/** Registers a claimed version, once: a retried registration finds it done. */
export async function registerModel(db: Db, r: Registration): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('model_versions')
      .select('stage')
      .where('version', '=', r.version)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new RegistryError(`model version ${r.version} was never claimed`);
    if (row.stage === 'registered') return;
    await trx
      .updateTable('model_versions')
      .set({
        stage: 'registered',
        family: r.family,
        parameters: JSON.stringify(r.parameters),
        metrics: JSON.stringify(r.metrics),
        gold_weighted_f1: r.goldWeightedF1,
        git_commit: r.gitCommit,
        durations: JSON.stringify(r.durations),
        artifacts: JSON.stringify(r.artifacts),
        artifact_sha256: JSON.stringify(r.artifactSha256),
        registered_at: new Date(),
      })
      .where('version', '=', r.version)
      .execute();
    await trx
      .insertInto('model_events')
      .values({
        kind: 'registered',
        actor: r.actor,
        reason: `trained ${r.family}: gold weighted F1 ${r.goldWeightedF1.toFixed(4)}`,
        version: r.version,
        previous_version: null,
        next_version: r.version,
        details: JSON.stringify({ artifacts: r.artifacts }),
      })
      .execute();
  });
}

/** A run that ended without registering leaves its claim marked, not dangling. */
export async function markFailed(db: Db, version: string): Promise<void> {
  await db
    .updateTable('model_versions')
    .set({ stage: 'failed' })
    .where('version', '=', version)
    .where('stage', '=', 'training')
    .execute();
}

export async function getModel(db: Db, version: string): Promise<ModelVersionRow> {
  const row = await db
    .selectFrom('model_versions')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new RegistryError(`there is no model version ${version}`);
  return row;
}

export async function listModels(db: Db): Promise<ModelVersionRow[]> {
  return db.selectFrom('model_versions').selectAll().orderBy('version', 'desc').execute();
}
