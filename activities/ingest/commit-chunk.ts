import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ProductRow, RejectedRow } from './validate-row';

export interface ChunkCounts {
  inserted: number;
  updated: number;
  rejected: number;
  images: number;
  labelledInserted: number;
}

export interface Chunk {
  sourceId: string;
  batchId: string;
  /** Advance this ledger batch from `start` to `end` in the same transaction. */
  ledger: boolean;
  start: number;
  end: number;
  products: ProductRow[];
  rejected: RejectedRow[];
  imageKeys: Map<number, string>;
}

const PRODUCT_COLUMNS =
  'source_id, row_number, line, row_index, designation, description, productid, imageid, prdtypecode, image_key, batch_id';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY's text format: backslash, tab and line breaks escaped, NULL as \N. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/**
 * COPY's input in pieces of about 64 KiB: one write per line would cost a syscall each. Only
 * free text is escaped: numbers, checked digit strings and the chunk's own IDs never need it.
 */
function* copyText(chunk: Chunk): Generator<string> {
  const source = copyField(chunk.sourceId);
  const batch = copyField(chunk.batchId);
  let piece = '';
  for (const p of chunk.products) {
    piece += `${source}\t${p.row}\t${p.line}\t${copyField(p.rowIndex)}\t${copyField(p.designation)}\t${copyField(p.description)}\t${p.productid ?? '\\N'}\t${p.imageid ?? '\\N'}\t${p.prdtypecode ?? '\\N'}\t${copyField(chunk.imageKeys.get(p.row) ?? null)}\t${batch}\n`;
    if (piece.length >= 1 << 16) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

/**
 * Writes one chunk in one transaction: its products, its rejected rows, and (for a ledger
 * batch) the batch's resume point and counts, which must still stand at the chunk's start, so
 * two runs of one batch can never both count it. Rows new to the table are streamed with COPY,
 * the fast path of every first load; rows loaded before are upserted, so a re-run updates them.
 */
export async function commitChunk(client: PoolClient, chunk: Chunk): Promise<ChunkCounts> {
  const { sourceId, products, rejected } = chunk;
  const rows = products.map((p) => p.row);
  await client.query('BEGIN');
  try {
    const seen = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM products WHERE source_id = $1 AND row_number >= $2 AND row_number < $3)::int
            + (SELECT count(*) FROM rejected_rows WHERE source_id = $1 AND row_number >= $2 AND row_number < $3)::int AS n`,
      [sourceId, chunk.start, chunk.end],
    );
    let inserted = 0;
    let updated = 0;
    let labelledInserted = 0;
    if (seen.rows[0]!.n === 0) {
      if (products.length > 0) {
        await pipeline(
          Readable.from(copyText(chunk)),
          client.query(copyFrom(`COPY products (${PRODUCT_COLUMNS}) FROM STDIN`)),
        );
      }
      inserted = products.length;
      labelledInserted = products.filter((p) => p.prdtypecode !== null).length;
    } else if (products.length > 0) {
      const result = await client.query<{ inserted: number; updated: number; labelled: number }>(
        `WITH up AS (
           INSERT INTO products (${PRODUCT_COLUMNS})
           SELECT $1, u.r, u.l, u.ix, u.d, u.ds, u.p, u.i, u.c, u.k, $2
           FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                       $9::bigint[], $10::int[], $11::text[]) AS u(r, l, ix, d, ds, p, i, c, k)
           ON CONFLICT (source_id, row_number) DO UPDATE SET
             line = EXCLUDED.line, row_index = EXCLUDED.row_index,
             designation = EXCLUDED.designation, description = EXCLUDED.description,
             productid = EXCLUDED.productid, imageid = EXCLUDED.imageid,
             prdtypecode = EXCLUDED.prdtypecode, image_key = EXCLUDED.image_key,
             batch_id = EXCLUDED.batch_id, updated_at = now()
           RETURNING (xmax = 0) AS fresh, prdtypecode IS NOT NULL AS labelled)
         SELECT count(*) FILTER (WHERE fresh)::int AS inserted,
                count(*) FILTER (WHERE NOT fresh)::int AS updated,
                count(*) FILTER (WHERE fresh AND labelled)::int AS labelled
         FROM up`,
        [
          sourceId,
          chunk.batchId,
          rows,
          products.map((p) => p.line),
          products.map((p) => p.rowIndex),
          products.map((p) => p.designation),
          products.map((p) => p.description),
          products.map((p) => p.productid),
          products.map((p) => p.imageid),
          products.map((p) => p.prdtypecode),
          products.map((p) => chunk.imageKeys.get(p.row) ?? null),
        ],
      );
      ({ inserted, updated, labelled: labelledInserted } = result.rows[0]!);
      // A row is loaded or rejected, never both: a verdict that changed on a re-run moves it.
      await client.query(
        'DELETE FROM rejected_rows WHERE source_id = $1 AND row_number = ANY($2::int[])',
        [sourceId, rows],
      );
    }
    if (rejected.length > 0) {
      await client.query(
        `INSERT INTO rejected_rows (source_id, row_number, line, reason, raw_text, raw_bytes, batch_id)
         SELECT $1, u.r, u.l, u.reason, u.t, u.b, $2
         FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::bytea[]) AS u(r, l, reason, t, b)
         ON CONFLICT (source_id, row_number) DO UPDATE SET
           line = EXCLUDED.line, reason = EXCLUDED.reason, raw_text = EXCLUDED.raw_text,
           raw_bytes = EXCLUDED.raw_bytes, batch_id = EXCLUDED.batch_id, rejected_at = now()`,
        [
          sourceId,
          chunk.batchId,
          rejected.map((r) => r.row),
          rejected.map((r) => r.line),
          rejected.map((r) => r.reason),
          rejected.map((r) => r.rawText),
          rejected.map((r) => r.rawBytes),
        ],
      );
      await client.query(
        'DELETE FROM products WHERE source_id = $1 AND row_number = ANY($2::int[])',
        [sourceId, rejected.map((r) => r.row)],
      );
    }
    const counts: ChunkCounts = {
      inserted,
      updated,
      rejected: rejected.length,
      images: chunk.imageKeys.size,
      labelledInserted,
    };
    if (chunk.ledger) {
      const advanced = await client.query(
        `UPDATE ingest_batches SET committed_row = $1, inserted = inserted + $2,
           updated = updated + $3, rejected = rejected + $4, images = images + $5,
           labelled_inserted = labelled_inserted + $6, touched_at = now()
         WHERE id = $7 AND committed_row = $8 AND status = 'planned'`,
        [
          chunk.end,
          counts.inserted,
          counts.updated,
          counts.rejected,
          counts.images,
          counts.labelledInserted,
          chunk.batchId,
          chunk.start,
        ],
      );
      if (advanced.rowCount !== 1) {
        // Another run of this batch got here first; rolling back leaves its counts alone, and a
        // retry resumes from where that run got to.
        throw new Error(`batch ${chunk.batchId} moved past row ${chunk.start} under another run`);
      }
    }
    await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
