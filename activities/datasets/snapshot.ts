import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { ObjectStore } from '../../core/storage/object-store';
import type { DatasetComposition } from '../../models/data/composition';
import { CompositionTally, parseComposition } from './composition';
import { isGold, productKey } from './gold';
import { encodeLine, snapshotKey } from './snapshot-format';

export interface DatasetInfo {
  version: string;
  objectKey: string;
  rows: number;
  goldRows: number;
  classCounts: Record<string, number>;
  /** Rows by source and class; null for a version snapshotted before they were recorded. */
  composition: DatasetComposition | null;
}

export class DatasetError extends Error {
  override name = 'DatasetError';
}

const PAGE_ROWS = 10_000;

/**
 * Writes the labelled products ingested up to `cutoff` as a gzipped JSON-lines file in the
 * datasets bucket, under its content hash, which is the dataset version, and records it. The
 * same rows give the same version, so a second snapshot of unchanged data finds the first.
 */
export async function takeSnapshot(
  { db, store }: { db: Db; store: ObjectStore },
  cutoff: Date,
): Promise<DatasetInfo> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-snapshot-'));
  const file = path.join(dir, 'snapshot.jsonl.gz');
  try {
    const hash = createHash('sha256');
    const gzip = createGzip();
    const out = fs.createWriteStream(file);
    const written = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
      gzip.on('error', reject);
    });
    gzip.pipe(out);
    const classCounts: Record<string, number> = {};
    const tally = new CompositionTally();
    let rows = 0;
    let goldRows = 0;
    // Keyset pages in primary-key order: the same rows always come out in the same order.
    let after: { source_id: string; row_number: number } | undefined;
    for (;;) {
      let query = db
        .selectFrom('products')
        .select([
          'source_id',
          'row_number',
          'batch_id',
          'productid',
          'prdtypecode',
          'designation',
          'description',
        ])
        .where('prdtypecode', 'is not', null)
        // Retired sources sit out: reactivating one brings its rows back.
        .where(
          'source_id',
          'in',
          db.selectFrom('sources').select('id').where('state', '=', 'active'),
        )
        .where('ingested_at', '<=', cutoff)
        .orderBy('source_id')
        .orderBy('row_number')
        .limit(PAGE_ROWS);
      if (after) {
        query = query.where(
          sql<boolean>`(source_id, row_number) > (${after.source_id}, ${after.row_number})`,
        );
      }
      const page = await query.execute();
      if (page.length === 0) break;
      let text = '';
      for (const row of page) {
        const key = productKey(row);
        const gold = isGold(key);
        text += encodeLine([
          key,
          row.prdtypecode!,
          gold ? 1 : 0,
          row.designation,
          row.description ?? '',
        ]);
        classCounts[row.prdtypecode!] = (classCounts[row.prdtypecode!] ?? 0) + 1;
        tally.add(row.source_id, row.batch_id, row.prdtypecode!, gold);
        if (gold) goldRows++;
      }
      rows += page.length;
      hash.update(text);
      if (!gzip.write(text)) await new Promise((resolve) => gzip.once('drain', resolve));
      after = page[page.length - 1]!;
    }
    gzip.end();
    await written;
    if (rows === 0) {
      throw new DatasetError(
        'there are no labelled products to train on yet: import a labelled source and run `rakuten ingest`',
      );
    }
    const version = hash.digest('hex');
    const objectKey = snapshotKey(version);
    const bytes = fs.statSync(file).size;
    const composition = await tally.describe(db);
    const exists = await db
      .selectFrom('dataset_versions')
      .select(['version', 'composition'])
      .where('version', '=', version)
      .executeTakeFirst();
    if (exists && exists.composition === null) {
      // A version recorded before compositions were: these are its very rows, so record them.
      await db
        .updateTable('dataset_versions')
        .set({ composition: JSON.stringify(composition) })
        .where('version', '=', version)
        .where('composition', 'is', null)
        .execute();
    }
    if (!exists) {
      await store.client.fPutObject(store.buckets.datasets, objectKey, file, {
        'Content-Type': 'application/x-ndjson',
        'Content-Encoding': 'gzip',
      });
      await db
        .insertInto('dataset_versions')
        .values({
          version,
          object_key: objectKey,
          rows,
          gold_rows: goldRows,
          class_counts: JSON.stringify(classCounts),
          // From the rows written, like the counts: a second query could see other rows.
          source_ids: tally.sourceIds,
          batch_ids: tally.batchIds,
          composition: JSON.stringify(composition),
          cutoff,
          bytes,
        })
        .onConflict((oc) => oc.column('version').doNothing())
        .execute();
    }
    // A version recorded before keeps the names and demo flags its sources had then.
    const recorded = exists?.composition ? parseComposition(exists.composition) : composition;
    return { version, objectKey, rows, goldRows, classCounts, composition: recorded };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
