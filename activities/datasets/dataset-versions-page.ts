import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import { parseComposition } from './composition';

export interface DatasetSourceRef {
  id: string;
  /** Its name now, or the one the snapshot recorded if it has been deleted since. */
  name: string;
}

export interface DatasetVersionSummary {
  version: string;
  rows: number;
  goldRows: number;
  createdAt: Date;
  sources: DatasetSourceRef[];
  /** Model versions whose training read this dataset, finished or not. */
  models: number;
}

export interface DatasetVersionsPage {
  total: number;
  offset: number;
  limit: number;
  items: DatasetVersionSummary[];
}

/** Names for source IDs: today's, else the snapshot's, else the ID itself. */
export async function sourceNames(
  db: Db,
  ids: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Dataset versions newest first, a page at a time, each with its sources and how many model
 * versions trained on it: three queries a page, whatever its length.
 */
export async function listDatasetVersionsPage(
  db: Db,
  paging: { offset: number; limit: number },
): Promise<DatasetVersionsPage> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('dataset_versions as d')
      .select([
        'd.version',
        'd.rows',
        'd.gold_rows',
        'd.created_at',
        'd.source_ids',
        'd.composition',
        (eb) =>
          eb
            .selectFrom('model_versions as m')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('m.dataset_version', '=', 'd.version')
            .as('models'),
      ])
      .orderBy('d.created_at', 'desc')
      .orderBy('d.version', 'desc')
      .offset(paging.offset)
      .limit(paging.limit)
      .execute(),
    db
      .selectFrom('dataset_versions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const names = await sourceNames(
    db,
    rows.flatMap((r) => r.source_ids),
  );
  return {
    total: Number(count.n),
    offset: paging.offset,
    limit: paging.limit,
    items: rows.map((r) => {
      const recorded = new Map(
        (parseComposition(r.composition) ?? []).map((s) => [s.source_id, s.name]),
      );
      return {
        version: r.version,
        rows: r.rows,
        goldRows: r.gold_rows,
        createdAt: r.created_at,
        sources: r.source_ids.map((id) => ({
          id,
          name: names.get(id) ?? recorded.get(id) ?? id,
        })),
        models: r.models ?? 0,
      };
    }),
  };
}
