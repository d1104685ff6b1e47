import type { Db } from '../../core/db/connect';

/** Every source's ID and name, oldest first: what a filter's choices need, and no counts. */
export async function listSourceNames(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('sources')
    .select(['id', 'name'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
