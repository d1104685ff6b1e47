import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import { CATEGORY_CODES } from '../../models/categories';
import { stratifiedSample } from '../../models/train/folds';
import type { ResetCounts, SampleCounts } from '../../core/contracts/reset-data';
import type { ObjectStore } from '../../core/storage/object-store';
import { readCsvRecords } from './csv-records';
import { indexOf, loadRange, PRODUCT_IMAGE_PREFIX } from './load-range';
import type { ChunkCounts, LoadDeps } from './load-range';
import { layoutOf } from './source-layout';
import { checkRecord } from './validate-row';

const REMOVE_PAGE = 1_000;

/**
 * Empties what ingestion wrote, the product tables, the ledger, the backlog and the ingested
 * images, and keeps the registered sources (with their raw files) and the model registry.
 */
export async function resetIngestedData({
  db,
  store,
}: {
  db: Db;
  store: ObjectStore;
}): Promise<ResetCounts> {
  const counts = await db.transaction().execute(async (trx) => {
    const count = async (table: 'products' | 'rejected_rows' | 'ingest_batches') =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select(sql<string>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      products: await count('products'),
      rejectedRows: await count('rejected_rows'),
      batches: await count('ingest_batches'),
    };
    await sql`TRUNCATE products, rejected_rows, ingest_batches`.execute(trx);
    await trx
      .updateTable('retrain_backlog')
      .set({ new_labelled_rows: 0, since: new Date() })
      .where('id', '=', 1)
      .execute();
    return before;
  });
  let images = 0;
  let page: string[] = [];
  const flush = async () => {
    if (page.length === 0) return;
    await store.client.removeObjects(store.buckets.images, page);
    images += page.length;
    page = [];
  };
  for await (const item of store.client.listObjectsV2(
    store.buckets.images,
    PRODUCT_IMAGE_PREFIX,
    true,
  )) {
    const name = (item as { name?: string }).name;
    if (!name) continue;
    page.push(name);
    if (page.length >= REMOVE_PAGE) await flush();
  }
  await flush();
  return { ...counts, images };
}

/**
 * Loads a stratified sample of `rows` valid labelled rows from every labelled source, as a small
 * test dataset. Rows are keyed as ingestion keys them, so a later batch updates them in place.
 */
export async function loadSample(
  deps: LoadDeps,
  input: { rows: number; seed: number; batchId: string },
  onChunk: (committedRow: number, counts: ChunkCounts) => void,
): Promise<SampleCounts> {
  const { db, store, limits } = deps;
  const sources = await db
    .selectFrom('sources')
    .selectAll()
    .where('labelled', '=', true)
    .where('state', '=', 'active')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const classOf = new Map<number, number>(CATEGORY_CODES.map((c, i) => [c, i]));
  const where: { source: number; row: number }[] = [];
  const labels: number[] = [];
  for (const [s, source] of sources.entries()) {
    const layout = layoutOf(source.header, source.name);
    const yLabels = source.y_key
      ? new Map(
          (
            await db
              .selectFrom('source_labels')
              .select(['row_index', 'prdtypecode'])
              .where('source_id', '=', source.id)
              .execute()
          ).map((l) => [l.row_index, l.prdtypecode]),
        )
      : undefined;
    const first = await db
      .selectFrom('source_chunks')
      .selectAll()
      .where('source_id', '=', source.id)
      .where('first_row', '=', 0)
      .executeTakeFirstOrThrow();
    const stream = await store.client.getPartialObject(
      store.buckets.raw,
      source.x_key,
      Number(first.byte_offset),
    );
    for await (const record of readCsvRecords(
      stream,
      { row: 0, line: first.line, offset: Number(first.byte_offset) },
      { header: false },
    )) {
      const label = yLabels ? yLabels.get(indexOf(record, layout)) : null;
      const checked = checkRecord(record, layout, limits, label);
      if (!checked.ok || checked.product.prdtypecode === null) continue;
      where.push({ source: s, row: record.row });
      labels.push(classOf.get(checked.product.prdtypecode)!);
    }
  }
  const chosen = stratifiedSample(labels, input.rows, input.seed);
  let loaded = 0;
  for (const [s, source] of sources.entries()) {
    const only = new Set<number>();
    for (const i of chosen) if (where[i]!.source === s) only.add(where[i]!.row);
    if (only.size === 0) continue;
    const counts = await loadRange(
      deps,
      {
        sourceId: source.id,
        endRow: source.row_count,
        batchId: input.batchId,
        only,
        ledger: false,
      },
      0,
      onChunk,
    );
    loaded += counts.inserted + counts.updated;
  }
  return { rows: loaded, candidates: labels.length };
}
