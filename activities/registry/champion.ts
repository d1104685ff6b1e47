import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { ObjectStore } from '../../core/storage/object-store';
import { RegistryError, RetiredDataError } from './errors';
import { retiredNames, retiredSourcesOf } from './retired-sources';
import { getModel } from './versions';
import type { ModelVersionRow } from './versions';

export const CHAMPION = 'champion';
/** PostgreSQL channel on which a new champion is announced, so servers swap without polling. */
export const CHAMPION_CHANNEL = 'model_champion';

export interface Champion {
  version: string;
  previousVersion: string | null;
  updatedAt: Date;
  updatedBy: string;
  datasetVersion: string;
  goldWeightedF1: number | null;
}

export async function championOf(db: Db): Promise<Champion | null> {
  const row = await db
    .selectFrom('model_aliases as a')
    .innerJoin('model_versions as v', 'v.version', 'a.version')
    .select([
      'a.version',
      'a.previous_version',
      'a.updated_at',
      'a.updated_by',
      'v.dataset_version',
      'v.gold_weighted_f1',
    ])
    .where('a.alias', '=', CHAMPION)
    .executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    previousVersion: row.previous_version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    datasetVersion: row.dataset_version,
    goldWeightedF1: row.gold_weighted_f1,
  };
}

/** Every artifact a version's row names must be in the models bucket before it may serve. */
async function checkArtifacts(store: ObjectStore, model: ModelVersionRow): Promise<void> {
  const artifacts = model.artifacts ?? {};
  if (Object.keys(artifacts).length === 0) {
    throw new RegistryError(`model version ${model.version} has no artifacts`);
  }
  const missing: string[] = [];
  for (const key of Object.values(artifacts)) {
    try {
      await store.client.statObject(store.buckets.models, key);
    } catch {
      missing.push(key);
    }
  }
  if (missing.length > 0) {
    throw new RegistryError(
      `model version ${model.version} cannot serve: ${missing.join(', ')} missing from bucket ${store.buckets.models}`,
    );
  }
}

export interface AliasChange {
  version: string;
  previous: string | null;
  /** False when the version already held the alias: nothing was written. */
  changed: boolean;
  /** A rollback to a version trained on a retired source, allowed because it was forced. */
  forced?: boolean;
}

/**
 * Moves the champion alias to a registered candidate whose artifacts are all in place, with an
 * audit event, and announces it. Promoting the current champion again changes nothing, so a
 * retried promotion never logs twice.
 */
export async function promoteModel(
  { db, store }: { db: Db; store: ObjectStore },
  input: { version: string; actor: string; reason: string; details?: Record<string, unknown> },
): Promise<AliasChange> {
  const model = await getModel(db, input.version);
  if (model.stage !== 'registered') {
    throw new RegistryError(
      `model version ${input.version} is ${model.stage}, not a registered version`,
    );
  }
  await checkArtifacts(store, model);
  return db.transaction().execute(async (trx) => {
    const current = await sql<{ version: string }>`
      SELECT version FROM model_aliases WHERE alias = ${CHAMPION} FOR UPDATE`.execute(trx);
    const previous = current.rows[0]?.version ?? null;
    if (previous === input.version) return { version: input.version, previous, changed: false };
    await trx
      .insertInto('model_aliases')
      .values({
        alias: CHAMPION,
        version: input.version,
        previous_version: previous,
        updated_by: input.actor,
      })
      .onConflict((oc) =>
        oc.column('alias').doUpdateSet({
          version: input.version,
          previous_version: previous,
          updated_by: input.actor,
          updated_at: new Date(),
        }),
      )
      .execute();
    await trx
      .insertInto('model_events')
      .values({
        kind: 'promoted',
        actor: input.actor,
        reason: input.reason,
        version: input.version,
        previous_version: previous,
        next_version: input.version,
        details: input.details ? JSON.stringify(input.details) : null,
      })
      .execute();
    if (input.details?.gate) {
      await trx
        .updateTable('model_versions')
        .set({ gate: JSON.stringify(input.details.gate) })
        .where('version', '=', input.version)
        .execute();
    }
    await sql`SELECT pg_notify(${CHAMPION_CHANNEL}, ${input.version})`.execute(trx);
    return { version: input.version, previous, changed: true };
  });
}

/**
 * Moves the champion back to the one before it. Champions form a stack: a promotion pushes one,
 * a rollback pops one, so rolling back twice goes two steps back rather than to and fro. A
 * version trained on rows of a source retired (or deleted) since is refused unless `force`d: its
 * data was withdrawn on purpose, and a forced return says so in its event.
 */
export async function rollbackModel(
  { db, store }: { db: Db; store: ObjectStore },
  input: { actor: string; reason: string; force?: boolean },
): Promise<AliasChange> {
  return db.transaction().execute(async (trx) => {
    const current = await sql<{ version: string }>`
      SELECT version FROM model_aliases WHERE alias = ${CHAMPION} FOR UPDATE`.execute(trx);
    const champion = current.rows[0]?.version;
    if (!champion) throw new RegistryError('there is no champion to roll back');
    const events = await trx
      .selectFrom('model_events')
      .select(['kind', 'next_version'])
      .where('kind', 'in', ['promoted', 'rolled_back'])
      .orderBy('id')
      .execute();
    const stack: string[] = [];
    for (const e of events) {
      if (e.kind === 'promoted') stack.push(e.next_version!);
      else stack.pop();
    }
    const target = stack.length >= 2 ? stack[stack.length - 2]! : undefined;
    if (!target) {
      throw new RegistryError(`there is no previous champion to roll back to from ${champion}`);
    }
    const model = await getModel(db, target);
    const retired = retiredNames(
      (await retiredSourcesOf(trx, [model.dataset_version])).get(model.dataset_version) ?? [],
    );
    if (retired.length > 0 && !input.force) throw new RetiredDataError(target, retired);
    await checkArtifacts(store, model);
    const forced = retired.length > 0;
    await trx
      .updateTable('model_aliases')
      .set({
        version: target,
        previous_version: champion,
        updated_by: input.actor,
        updated_at: new Date(),
      })
      .where('alias', '=', CHAMPION)
      .execute();
    await trx
      .insertInto('model_events')
      .values({
        kind: 'rolled_back',
        actor: input.actor,
        reason: forced
          ? `${input.reason} (forced: trained on retired source(s) ${retired.join(', ')})`
          : input.reason,
        version: target,
        previous_version: champion,
        next_version: target,
        details: forced ? JSON.stringify({ forced: true, retiredSources: retired }) : null,
      })
      .execute();
    await sql`SELECT pg_notify(${CHAMPION_CHANNEL}, ${target})`.execute(trx);
    return { version: target, previous: champion, changed: true, forced };
  });
}

/** Records that the gate kept a candidate out, once, with why. */
export async function rejectCandidate(
  db: Db,
  input: {
    version: string;
    actor: string;
    reason: string;
    champion: string | null;
    gate: Record<string, unknown>;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .selectFrom('model_events')
      .select('id')
      .where('version', '=', input.version)
      .where('kind', '=', 'rejected')
      .executeTakeFirst();
    if (done) return;
    await trx
      .updateTable('model_versions')
      .set({ gate: JSON.stringify(input.gate) })
      .where('version', '=', input.version)
      .execute();
    await trx
      .insertInto('model_events')
      .values({
        kind: 'rejected',
        actor: input.actor,
        reason: input.reason,
        version: input.version,
        previous_version: input.champion,
        next_version: input.champion,
        details: JSON.stringify({ gate: input.gate }),
      })
      .execute();
  });
}

export async function modelEvents(db: Db, version?: string) {
  let query = db.selectFrom('model_events').selectAll().orderBy('id');
  if (version) {
    query = query.where((eb) =>
      eb.or([
        eb('version', '=', version),
        eb('previous_version', '=', version),
        eb('next_version', '=', version),
      ]),
    );
  }
  return query.execute();
}
