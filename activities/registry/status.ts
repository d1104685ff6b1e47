import type { Db } from '../../core/db/connect';
import { CHAMPION } from './champion';
import { getModel } from './versions';
import type { ModelVersionRow } from './versions';

/**
 * What a version is, for people: `champion` holds the alias; `retired` held it once; `rejected`
 * was kept out by the gate; `candidate` is registered and none of those; `training` and `failed`
 * are runs that have not registered.
 */
export type ModelStatus = 'training' | 'failed' | 'candidate' | 'champion' | 'rejected' | 'retired';

export const MODEL_STATUSES: readonly ModelStatus[] = [
  'training',
  'failed',
  'candidate',
  'champion',
  'rejected',
  'retired',
];

export function modelStatus(
  model: Pick<ModelVersionRow, 'version' | 'stage' | 'gate'>,
  champions: { current: string | null; past: ReadonlySet<string> },
): ModelStatus {
  if (model.stage !== 'registered') return model.stage;
  if (model.version === champions.current) return 'champion';
  if (champions.past.has(model.version)) return 'retired';
  if (model.gate?.promoted === false) return 'rejected';
  return 'candidate';
}

/** The champion now, and every version the alias has pointed at, from the audit log. */
export async function readChampions(
  db: Db,
): Promise<{ current: string | null; past: ReadonlySet<string> }> {
  const [alias, events] = await Promise.all([
    db
      .selectFrom('model_aliases')
      .select('version')
      .where('alias', '=', CHAMPION)
      .executeTakeFirst(),
    db
      .selectFrom('model_events')
      .select('next_version')
      .distinct()
      .where('kind', 'in', ['promoted', 'rolled_back'])
      .execute(),
  ]);
  const past = new Set(events.flatMap((e) => (e.next_version ? [e.next_version] : [])));
  return { current: alias?.version ?? null, past };
}

/** Rows with the status each one has now. */
export async function withStatus<T extends Pick<ModelVersionRow, 'version' | 'stage' | 'gate'>>(
  db: Db,
  models: T[],
): Promise<(T & { status: ModelStatus })[]> {
  const champions = await readChampions(db);
  return models.map((m) => ({ ...m, status: modelStatus(m, champions) }));
}

/** One version's row with its status; a RegistryError if there is no such version. */
export async function getModelWithStatus(
  db: Db,
  version: string,
): Promise<ModelVersionRow & { status: ModelStatus }> {
  const [model] = await withStatus(db, [await getModel(db, version)]);
  return model!;
}
