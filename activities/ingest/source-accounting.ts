import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { ImageRejectKind, SourceState } from '../../core/db/schema';

export interface SourceAccount {
  id: string;
  name: string;
  format: string;
  labelled: boolean;
  /** A retired source feeds neither ingestion nor snapshots; its rows stay. */
  state: SourceState;
  isDemo: boolean;
  rows: number;
  images: number;
  /** Files of `import --images` not stored, by reason (the files are in `image_rejects`). */
  imagesRejected: number;
  imageRejectKinds: Partial<Record<ImageRejectKind, number>>;
  loaded: number;
  /** Rows rejected, those still kept in `rejected_rows` and those retention deleted since. */
  rejected: number;
  /** Of the rejected rows, those retention deleted: counted by their batch, no longer kept. */
  rejectedPruned: number;
  /** Rows of committed batches: each must be loaded or rejected. */
  committedRows: number;
  /** Rows of committed batches found loaded or rejected (or rejected, then pruned). */
  accounted: number;
  /** Rows both loaded and rejected: must be 0. */
  both: number;
  pending: number;
  ok: boolean;
}

/**
 * The check that nothing was lost: for every source, each row of a committed batch is either a
 * product or a rejected row, and none is both. Retention deletes old rejected rows only of
 * committed batches, counting them in the batch (`rejected_pruned`) in the same transaction, so
 * a pruned row still counts as rejected here; it can no longer be checked against products, but
 * retention keeps any row that is a product too, so a "both" stays visible.
 */
export async function accountSources(db: Db, sourceId?: string): Promise<SourceAccount[]> {
  const { rows } = await sql<Omit<SourceAccount, 'pending' | 'ok'>>`
    SELECT s.id, s.name, s.format, s.labelled, s.state, s.is_demo AS "isDemo",
      s.row_count AS rows, s.image_count AS images,
      (SELECT count(*)::int FROM image_rejects i WHERE i.source_id = s.id) AS "imagesRejected",
      (SELECT coalesce(jsonb_object_agg(kind, n), '{}'::jsonb) FROM (
         SELECT kind, count(*)::int AS n FROM image_rejects i WHERE i.source_id = s.id
         GROUP BY kind ORDER BY kind) AS k) AS "imageRejectKinds",
      (SELECT count(*)::int FROM products p WHERE p.source_id = s.id) AS loaded,
      (SELECT count(*)::int FROM rejected_rows r WHERE r.source_id = s.id) + pruned.total
        AS rejected,
      pruned.total AS "rejectedPruned",
      (SELECT coalesce(sum(b.end_row - b.start_row), 0)::int FROM ingest_batches b
         WHERE b.source_id = s.id AND b.status = 'committed') AS "committedRows",
      (SELECT count(*)::int FROM (
         SELECT p.row_number FROM products p WHERE p.source_id = s.id
         UNION ALL
         SELECT r.row_number FROM rejected_rows r WHERE r.source_id = s.id) AS x
       WHERE EXISTS (SELECT 1 FROM ingest_batches b WHERE b.source_id = s.id
                       AND b.status = 'committed'
                       AND x.row_number >= b.start_row AND x.row_number < b.end_row))
        + pruned.total AS accounted,
      (SELECT count(*)::int FROM products p JOIN rejected_rows r USING (source_id, row_number)
         WHERE p.source_id = s.id) AS both
    FROM sources s
    CROSS JOIN LATERAL (
      -- Only committed batches are pruned: every pruned row lies in a committed range.
      SELECT coalesce(sum(b.rejected_pruned), 0)::int AS total
      FROM ingest_batches b WHERE b.source_id = s.id) AS pruned
    WHERE ${sourceId ?? null}::text IS NULL OR s.id = ${sourceId ?? null}
    ORDER BY s.created_at, s.id`.execute(db);
  return rows.map((r) => ({
    ...r,
    pending: r.rows - r.committedRows,
    ok: r.accounted === r.committedRows && r.both === 0,
  }));
}

/** A source's rejected images, in name order, for `rakuten sources show ID`. */
export async function imageRejectsOf(db: Db, sourceId: string, limit: number) {
  return db
    .selectFrom('image_rejects')
    .select(['name', 'kind', 'reason'])
    .where('source_id', '=', sourceId)
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** `3 images rejected (not_image 1, symlink 2)`, or `no image rejected`. */
export function imageRejectSummary(counts: {
  imagesRejected: number;
  imageRejectKinds: Partial<Record<ImageRejectKind, number>>;
}): string {
  if (counts.imagesRejected === 0) return 'no image rejected';
  const kinds = Object.entries(counts.imageRejectKinds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  return `${counts.imagesRejected} image${counts.imagesRejected === 1 ? '' : 's'} rejected (${kinds})`;
}
