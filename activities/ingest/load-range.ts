import { sql } from 'kysely';
import { poolOf } from '../../core/db/connect';
import type { Db } from '../../core/db/connect';
import { commitChunk } from './commit-chunk';
import type { ChunkCounts } from './commit-chunk';
import type { ObjectStore } from '../../core/storage/object-store';
import { fieldText, readCsvBatches } from './csv-records';
import type { CsvRecord } from './csv-records';
import { mapLimit } from './map-limit';
import { layoutOf } from './source-layout';
import type { SourceLayout } from './source-layout';
import { checkRecord } from './validate-row';
import type { ProductRow, RejectedRow, RowLimits } from './validate-row';

export interface LoadDeps {
  db: Db;
  store: ObjectStore;
  limits: RowLimits & { chunkRows: number };
}

export type { ChunkCounts };

export interface RangeToLoad {
  sourceId: string;
  endRow: number;
  /** Products and rejected rows carry it, to trace them to the batch that wrote them. */
  batchId: string;
  /** Only these rows (for a sample); the others in the range are read and skipped. */
  only?: ReadonlySet<number>;
  /**
   * The batch ledger row to advance with each chunk, in the chunk's own transaction; its
   * committed_row must equal the chunk's first row, so two runs can never both count a chunk.
   */
  ledger: boolean;
}

const IMAGE_COPIES_IN_FLIGHT = 8;

/** The key an ingested image gets in the images bucket: by content, under one resettable prefix. */
export const PRODUCT_IMAGE_PREFIX = 'products/';
export const productImageKey = (rawKey: string) =>
  `${PRODUCT_IMAGE_PREFIX}${rawKey.split('/').pop()!}`;

export class LoadError extends Error {
  override name = 'LoadError';
}

/**
 * Loads rows [from, endRow) of a source: reads them with one ranged GET from the nearest
 * recorded position, checks each, and commits them a chunk at a time. Products are upserted by
 * (source, row), so loading a range again updates rather than duplicates; a rejected row is kept
 * with its reason. `onChunk` hears of each committed chunk (to heartbeat) and may throw to stop.
 */
export async function loadRange(
  deps: LoadDeps,
  range: RangeToLoad,
  from: number,
  onChunk: (committedRow: number, counts: ChunkCounts) => void,
): Promise<ChunkCounts> {
  const { db, store, limits } = deps;
  const total: ChunkCounts = {
    inserted: 0,
    updated: 0,
    rejected: 0,
    images: 0,
    labelledInserted: 0,
  };
  if (from >= range.endRow) return total;
  const source = await db
    .selectFrom('sources')
    .selectAll()
    .where('id', '=', range.sourceId)
    .executeTakeFirst();
  if (!source) throw new LoadError(`source ${range.sourceId} is not registered`);
  if (range.endRow > source.row_count) {
    throw new LoadError(
      `rows up to ${range.endRow} asked of ${source.id}, which has ${source.row_count}`,
    );
  }
  const layout = layoutOf(source.header, source.name);
  const position = await db
    .selectFrom('source_chunks')
    .select(['first_row', 'byte_offset', 'line'])
    .where('source_id', '=', source.id)
    .where('first_row', '<=', from)
    .orderBy('first_row', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  // Read up to the first recorded position past the range, not to the end of the file.
  const beyond = await db
    .selectFrom('source_chunks')
    .select('byte_offset')
    .where('source_id', '=', source.id)
    .where('first_row', '>=', range.endRow)
    .orderBy('first_row')
    .limit(1)
    .executeTakeFirst();
  const start = Number(position.byte_offset);
  const stream = await store.client.getPartialObject(
    store.buckets.raw,
    source.x_key,
    start,
    beyond ? Number(beyond.byte_offset) - start : undefined,
  );
  let chunk: CsvRecord[] = [];
  let chunkStart = from;
  const commit = async (chunkEnd: number) => {
    const counts = await checkAndCommitChunk(
      deps,
      range,
      source.id,
      layout,
      source.y_key !== null,
      source.image_count > 0,
      chunk,
      chunkStart,
      chunkEnd,
    );
    for (const key of Object.keys(total) as (keyof ChunkCounts)[]) total[key] += counts[key];
    chunk = [];
    chunkStart = chunkEnd;
    onChunk(chunkEnd, counts);
  };
  let seen = from;
  try {
    reading: for await (const batch of readCsvBatches(
      stream,
      { row: position.first_row, line: position.line, offset: Number(position.byte_offset) },
      { header: false },
    )) {
      for (const record of batch) {
        if (record.row < from) continue;
        if (record.row >= range.endRow) break reading;
        seen = record.row + 1;
        if (!range.only || range.only.has(record.row)) chunk.push(record);
        if (seen - chunkStart >= limits.chunkRows) await commit(seen);
      }
    }
    if (seen < range.endRow) {
      throw new LoadError(`${source.id} ended at row ${seen}, before row ${range.endRow}`);
    }
    if (chunkStart < range.endRow) await commit(range.endRow);
  } finally {
    stream.destroy();
  }
  return total;
}

async function checkAndCommitChunk(
  deps: LoadDeps,
  range: RangeToLoad,
  sourceId: string,
  layout: SourceLayout,
  hasLabelFile: boolean,
  hasImages: boolean,
  records: CsvRecord[],
  chunkStart: number,
  chunkEnd: number,
): Promise<ChunkCounts> {
  const { db, store, limits } = deps;
  const labels = hasLabelFile ? await labelsOf(db, sourceId, layout, records) : undefined;
  const products: ProductRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const record of records) {
    const label = labels ? labels.get(indexOf(record, layout)) : null;
    const checked = checkRecord(record, layout, limits, label);
    if (checked.ok) products.push(checked.product);
    else rejected.push(checked.rejected);
  }
  const imageKeys = hasImages
    ? await copyImages(db, store, sourceId, products)
    : new Map<number, string>();
  const client = await poolOf(db).connect();
  try {
    return await commitChunk(client, {
      sourceId,
      batchId: range.batchId,
      ledger: range.ledger,
      start: chunkStart,
      end: chunkEnd,
      products,
      rejected,
      imageKeys,
    });
  } finally {
    client.release();
  }
}

/** A record's index (the X file's first column), by which the Y file labels it; '' if none. */
export function indexOf(record: CsvRecord, layout: SourceLayout): string {
  return layout.index === undefined ? '' : (fieldText(record, layout.index)?.trim() ?? '');
}

/**
 * The Y file's labels for the records of a chunk, by the X file's index. Y's records line up
 * with X's rows, so one index range over the Y row numbers finds nearly all of them; only the
 * indexes it misses (the files do not line up there) are looked up one by one.
 */
async function labelsOf(
  db: Db,
  sourceId: string,
  layout: SourceLayout,
  records: CsvRecord[],
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (records.length === 0 || layout.index === undefined) return labels;
  // One JSON object per query: node-pg builds an object per result row, which for thousands of
  // (index, code) pairs costs more than PostgreSQL spends finding them.
  const put = (found: Record<string, string> | null) => {
    for (const index in found) labels.set(index, found[index]!);
  };
  const inRange = await sql<{ labels: Record<string, string> | null }>`
    SELECT json_object_agg(row_index, prdtypecode) AS labels FROM source_labels
    WHERE source_id = ${sourceId}
      AND y_row BETWEEN ${records[0]!.row} AND ${records[records.length - 1]!.row}`.execute(db);
  put(inRange.rows[0]!.labels);
  const missing = records
    .map((r) => indexOf(r, layout))
    .filter((index) => index !== '' && !labels.has(index));
  if (missing.length > 0) {
    // One array parameter: an IN list of thousands of parameters costs more to plan than to run.
    const byIndex = await sql<{ labels: Record<string, string> | null }>`
      SELECT json_object_agg(row_index, prdtypecode) AS labels FROM source_labels
      WHERE source_id = ${sourceId} AND row_index = ANY(${missing}::text[])`.execute(db);
    put(byIndex.rows[0]!.labels);
  }
  return labels;
}

/** Server-side copies of the chunk's images into the images bucket; row → key. */
async function copyImages(
  db: Db,
  store: ObjectStore,
  sourceId: string,
  products: ProductRow[],
): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  const withImage = products.filter((p) => p.imageid !== null && p.productid !== null);
  if (withImage.length === 0) return keys;
  const found = await sql<{ imageid: string; productid: string; raw_key: string }>`
    SELECT imageid::text, productid::text, raw_key FROM source_images
    WHERE source_id = ${sourceId}
      AND (imageid, productid) IN (SELECT * FROM unnest(${withImage.map((p) => p.imageid)}::bigint[],
                                                        ${withImage.map((p) => p.productid)}::bigint[]))`.execute(
    db,
  );
  if (found.rows.length === 0) return keys;
  const rawKeyOf = new Map(found.rows.map((r) => [`${r.imageid}:${r.productid}`, r.raw_key]));
  const todo = withImage
    .map((p) => ({ row: p.row, raw: rawKeyOf.get(`${p.imageid}:${p.productid}`) }))
    .filter((t): t is { row: number; raw: string } => t.raw !== undefined);
  await mapLimit(todo, IMAGE_COPIES_IN_FLIGHT, async ({ row, raw }) => {
    const key = productImageKey(raw);
    await store.client.copyObject(store.buckets.images, key, `/${store.buckets.raw}/${raw}`);
    keys.set(row, key);
  });
  return keys;
}
