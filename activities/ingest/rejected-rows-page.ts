import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';

/** Characters of a rejected row's raw text a list shows; the rest stays in the database. */
export const REJECTED_EXCERPT_CHARS = 300;

export interface RejectedRowsFilter {
  /** A reason kind (`reason_kind`), as `listRejectedReasonKinds` names them. */
  reason?: string | undefined;
  sourceId?: string | undefined;
}

export interface RejectedRowItem {
  sourceId: string;
  sourceName: string;
  rowNumber: number;
  line: number;
  reason: string;
  reasonKind: string;
  rejectedAt: Date;
  /** The first REJECTED_EXCERPT_CHARS characters of the raw line. */
  excerpt: string;
  truncated: boolean;
}

export interface RejectedRowsPage {
  total: number;
  offset: number;
  limit: number;
  items: RejectedRowItem[];
}

function filtered(db: Db, filter: RejectedRowsFilter) {
  let query = db.selectFrom('rejected_rows as r');
  if (filter.reason !== undefined) query = query.where('r.reason_kind', '=', filter.reason);
  if (filter.sourceId !== undefined) query = query.where('r.source_id', '=', filter.sourceId);
  return query;
}

/**
 * Rejected rows in file order (source, then row), a page at a time, filtered by reason kind and
 * source: both the count and the page are read off an index (the primary key, or
 * `rejected_rows_reason_kind`), and only an excerpt of each raw line leaves the database.
 */
export async function listRejectedRowsPage(
  db: Db,
  query: RejectedRowsFilter & { offset: number; limit: number },
): Promise<RejectedRowsPage> {
  // The page's keys first, off the index alone however deep the offset; then only those rows
  // are read, joined to their source and cut to an excerpt.
  const keys = filtered(db, query)
    .select(['r.source_id', 'r.row_number'])
    .orderBy('r.source_id')
    .orderBy('r.row_number')
    .offset(query.offset)
    .limit(query.limit)
    .as('k');
  const [rows, count] = await Promise.all([
    db
      .selectFrom(keys)
      .innerJoin('rejected_rows as r', (join) =>
        join.onRef('r.source_id', '=', 'k.source_id').onRef('r.row_number', '=', 'k.row_number'),
      )
      .innerJoin('sources as s', 's.id', 'r.source_id')
      .select([
        'r.source_id',
        's.name',
        'r.row_number',
        'r.line',
        'r.reason',
        'r.reason_kind',
        'r.rejected_at',
        sql<string>`substr(r.raw_text, 1, ${REJECTED_EXCERPT_CHARS})`.as('excerpt'),
        sql<boolean>`length(r.raw_text) > ${REJECTED_EXCERPT_CHARS}`.as('truncated'),
      ])
      .orderBy('r.source_id')
      .orderBy('r.row_number')
      .execute(),
    filtered(db, query)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    offset: query.offset,
    limit: query.limit,
    items: rows.map((r) => ({
      sourceId: r.source_id,
      sourceName: r.name,
      rowNumber: r.row_number,
      line: r.line,
      reason: r.reason,
      reasonKind: r.reason_kind,
      rejectedAt: r.rejected_at,
      excerpt: r.excerpt,
      truncated: r.truncated,
    })),
  };
}

export interface ReasonKindCount {
  kind: string;
  count: number;
}

/**
 * Every reason kind of the kept rejected rows with its count, most frequent first: an
 * index-only scan of `rejected_rows_reason_kind`, the reasons themselves unread.
 */
export async function listRejectedReasonKinds(
  db: Db,
  filter: { sourceId?: string | undefined } = {},
): Promise<ReasonKindCount[]> {
  const rows = await filtered(db, filter)
    .select((eb) => ['r.reason_kind', eb.fn.countAll<string>().as('n')])
    .groupBy('r.reason_kind')
    .orderBy('n', 'desc')
    .orderBy('r.reason_kind')
    .execute();
  return rows.map((r) => ({ kind: r.reason_kind, count: Number(r.n) }));
}
