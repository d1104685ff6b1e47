import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import { CHAMPION } from './champion';
import { readLineage } from './lineage';
import type { ModelStatus } from './status';

/** The columns the registry's table sorts by. */
export const VERSION_SORTS = [
  'created',
  'version',
  'family',
  'status',
  'gold_weighted_f1',
  'gold_macro_f1',
] as const;
export type VersionSort = (typeof VERSION_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface VersionQuery {
  offset: number;
  limit: number;
  sort: VersionSort;
  order: SortOrder;
  status?: ModelStatus | undefined;
  family?: string | undefined;
  /** A substring of the version or of its dataset version. */
  q?: string | undefined;
}

export interface VersionListItem {
  version: string;
  status: ModelStatus;
  family: string | null;
  gold_weighted_f1: number | null;
  gold_macro_f1: number | null;
  dataset_version: string;
  created_at: string;
  gate: { promoted: boolean; reason: string } | null;
  trained_on_demo: boolean;
}

/**
 * A version's status as `modelStatus` (status.ts) derives it, in SQL, so that the database
 * filters, sorts and pages by it rather than this process reading every version.
 */
const statusSql = sql<ModelStatus>`CASE
  WHEN v.stage <> 'registered' THEN v.stage
  WHEN v.version = (SELECT a.version FROM model_aliases a WHERE a.alias = ${CHAMPION}) THEN 'champion'
  WHEN EXISTS (
    SELECT 1 FROM model_events e
    WHERE e.next_version = v.version AND e.kind IN ('promoted', 'rolled_back')
  ) THEN 'retired'
  WHEN (v.gate->>'promoted') = 'false' THEN 'rejected'
  ELSE 'candidate'
END`;

const SORT_COLUMNS: Record<VersionSort, string> = {
  created: 'created_at',
  version: 'version',
  family: 'family',
  status: 'status',
  gold_weighted_f1: 'gold_weighted_f1',
  gold_macro_f1: 'gold_macro_f1',
};

/** `%` and `_` in a search are letters, not wildcards. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function versionsWithStatus(db: Db) {
  return db
    .selectFrom('model_versions as v')
    .select([
      'v.version',
      'v.family',
      'v.gold_weighted_f1',
      'v.dataset_version',
      'v.created_at',
      'v.gate',
      statusSql.as('status'),
      sql<number | null>`(v.metrics->'gold'->>'macroF1')::double precision`.as('gold_macro_f1'),
    ]);
}

/** One page of the registry, filtered and sorted by the database, with the total that match. */
export async function listVersionsPage(
  db: Db,
  query: VersionQuery,
): Promise<{ total: number; offset: number; limit: number; items: VersionListItem[] }> {
  let filtered = db.selectFrom(versionsWithStatus(db).as('t'));
  if (query.status) filtered = filtered.where('t.status', '=', query.status);
  if (query.family) filtered = filtered.where('t.family', '=', query.family);
  if (query.q) {
    const pattern = likePattern(query.q);
    filtered = filtered.where((eb) =>
      eb.or([eb('t.version', 'ilike', pattern), eb('t.dataset_version', 'ilike', pattern)]),
    );
  }
  const direction = query.order === 'asc' ? sql`ASC` : sql`DESC`;
  const [rows, count] = await Promise.all([
    filtered
      .selectAll('t')
      // Versions without a score sort last either way; the version breaks ties, stably.
      .orderBy(sql`${sql.ref(`t.${SORT_COLUMNS[query.sort]}`)} ${direction} NULLS LAST`)
      .orderBy('t.version', query.order)
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const lineage = await readLineage(
    db,
    rows.map((r) => r.dataset_version),
  );
  return {
    total: Number(count.n),
    offset: query.offset,
    limit: query.limit,
    items: rows.map((r) => ({
      version: r.version,
      status: r.status,
      family: r.family,
      gold_weighted_f1: r.gold_weighted_f1,
      gold_macro_f1: r.gold_macro_f1,
      dataset_version: r.dataset_version,
      created_at: r.created_at.toISOString(),
      gate: r.gate ? { promoted: r.gate.promoted, reason: r.gate.reason } : null,
      trained_on_demo: lineage.get(r.dataset_version)?.trainedOnDemo ?? false,
    })),
  };
}

/** The families versions were trained as, for the registry's filter: a handful, not a list. */
export async function versionFamilies(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('model_versions')
    .select('family')
    .distinct()
    .where('family', 'is not', null)
    .orderBy('family')
    .execute();
  return rows.map((r) => r.family!);
}
