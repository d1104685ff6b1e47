import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';
import type { ModelVersionRow } from './versions';

/** A version's model card from the models bucket, as written at export; null if it has none. */
export async function readModelCard(
  store: ObjectStore,
  model: Pick<ModelVersionRow, 'artifacts'>,
): Promise<Record<string, unknown> | null> {
  const key = model.artifacts?.card;
  if (!key) return null;
  return JSON.parse(
    (await readObject(store, store.buckets.models, key)).toString('utf8'),
  ) as Record<string, unknown>;
}
