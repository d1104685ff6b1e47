import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { INGEST_DEFAULTS } from '../../core/config/config';
import type { Db } from '../../core/db/connect';
import type { ImageRejectKind } from '../../core/db/schema';
import type { ObjectStore } from '../../core/storage/object-store';
import { indexCsv, readLabelPairs } from './csv-index';
import { SourceFormatError } from './errors';
import { hashFile } from './file-hash';
import { stepDemoAside } from '../sources/demo-steps-aside';
import type { DemoStepAside } from '../sources/demo-steps-aside';
import { recordSourceEvent } from '../sources/source-events';
import { imageLocationOf, readImageFiles } from './image-files';
import type { ImageReject } from './image-files';
import { IMAGE_CONTENT_TYPE, IMAGE_EXTENSION } from './image-format';
import type { ImageFormat } from './image-format';
import { checkLabelHeader, layoutOf } from './source-layout';

export interface ImportOptions {
  xPath: string;
  yPath?: string;
  imagesPath?: string;
  /** An image file larger than this is rejected unread (IMAGE_MAX_BYTES). */
  imageMaxBytes?: number;
  name?: string;
  /** Who imports, for the source's audit log (`cli:<user>`); `workflow` when the stack does. */
  actor?: string;
  /** The synthetic demo catalogue, which real data replaces. */
  demo?: boolean;
  /** DEMO_KEEP: the first labelled real source leaves the demo source active. */
  keepDemo?: boolean;
  /** Progress lines for a person watching. */
  onStep?: (message: string) => void;
}

export interface ImportResult {
  sourceId: string;
  /** False when the files were imported before: nothing was written but new images. */
  created: boolean;
  rows: number;
  labelled: boolean;
  format: string;
  imagesAdded: number;
  /** Files not named like challenge images, left unread. */
  imagesSkipped: number;
  /**
   * Files not stored: links and special files whatever their name, and image files too large,
   * not a JPEG or PNG, or unreadable. Each is in `image_rejects` with its reason.
   */
  imagesRejected: number;
  imageRejectKinds: Partial<Record<ImageRejectKind, number>>;
  /** The first few rejects, to show. */
  imageRejects: Omit<ImageReject, 'status'>[];
  labelWarnings: string[];
  /** What the first labelled real source did to the demo sources (nothing otherwise). */
  demo: DemoStepAside;
}

/** Rejected images an import reports one by one; the rest are counted and kept in the table. */
export const IMAGE_REJECTS_SHOWN = 20;

const LABEL_CHUNK = 5_000;

/** Content-addressed keys in the raw bucket: the same bytes always land on the same key. */
export const rawCsvKey = (sha256: string) => `sources/${sha256}.csv`;
export const rawImageKey = (sha256: string, format: ImageFormat) =>
  `images/${sha256}.${IMAGE_EXTENSION[format]}`;

/** A source's ID derives from its files' content, so importing them again finds it. */
export function sourceIdOf(xSha256: string, ySha256: string | undefined): string {
  return `src-${createHash('sha256')
    .update(`${xSha256}:${ySha256 ?? ''}`)
    .digest('hex')
    .slice(0, 12)}`;
}

/**
 * Streams challenge files into the raw bucket under content-addressed keys and registers them as
 * a source, with read positions so batches can seek. Memory stays flat whatever the file size;
 * a source already registered is left as it is (new images are still attached to it).
 */
export async function importSource(
  deps: { db: Db; store: ObjectStore },
  options: ImportOptions,
): Promise<ImportResult> {
  const { db, store } = deps;
  const step = options.onStep ?? (() => undefined);
  for (const file of [options.xPath, options.yPath]) {
    if (file !== undefined && !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new SourceFormatError(`${file}: no such file`);
    }
  }
  // Before anything is written: a wrong --images stops the import, not half of it.
  if (options.imagesPath) await imageLocationOf(options.imagesPath);
  const x = await hashFile(options.xPath);
  const y = options.yPath ? await hashFile(options.yPath) : undefined;
  if (x.bytes === 0) throw new SourceFormatError(`${options.xPath}: the file is empty`);
  const sourceId = sourceIdOf(x.sha256, y?.sha256);
  const existing = await db
    .selectFrom('sources')
    .select(['row_count', 'labelled', 'format'])
    .where('id', '=', sourceId)
    .executeTakeFirst();

  let result: ImportResult;
  if (existing) {
    step(`${sourceId} is already imported (same files); nothing to do`);
    result = {
      sourceId,
      created: false,
      rows: existing.row_count,
      labelled: existing.labelled,
      format: existing.format,
      ...noImages(),
      labelWarnings: [],
      demo: { retired: [], kept: [] },
    };
  } else {
    step(`indexing ${path.basename(options.xPath)} (${x.bytes} bytes)`);
    const index = await indexCsv(options.xPath);
    const layout = layoutOf(index.header, options.xPath);
    if (index.rowCount === 0) {
      throw new SourceFormatError(`${options.xPath}: the file has a header but no rows`);
    }
    if (options.yPath && layout.format !== 'challenge') {
      throw new SourceFormatError(
        `${options.xPath}: --y goes with a challenge X file (",designation,description,productid,imageid")`,
      );
    }
    const labelled = options.yPath !== undefined || layout.prdtypecode !== undefined;

    step(`uploading to ${store.buckets.raw}`);
    await putFileOnce(store, rawCsvKey(x.sha256), options.xPath, x.bytes);
    if (options.yPath && y) await putFileOnce(store, rawCsvKey(y.sha256), options.yPath, y.bytes);

    const labelWarnings: string[] = [];
    const name = options.name ?? path.basename(options.xPath);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sources')
        .values({
          id: sourceId,
          name,
          format: layout.format,
          x_key: rawCsvKey(x.sha256),
          x_sha256: x.sha256,
          x_bytes: x.bytes,
          y_key: y ? rawCsvKey(y.sha256) : null,
          y_sha256: y?.sha256 ?? null,
          header: index.header,
          row_count: index.rowCount,
          labelled,
          is_demo: options.demo ?? false,
        })
        .execute();
      await recordSourceEvent(
        trx,
        { id: sourceId, name, x_sha256: x.sha256, y_sha256: y?.sha256 ?? null },
        {
          kind: 'imported',
          actor: options.actor ?? 'workflow',
          reason: `imported ${path.basename(options.xPath)}${options.yPath ? ` with ${path.basename(options.yPath)}` : ''}`,
          details: { rows: index.rowCount, labelled },
        },
      );
      for (let i = 0; i < index.positions.length; i += LABEL_CHUNK) {
        await trx
          .insertInto('source_chunks')
          .values(
            index.positions.slice(i, i + LABEL_CHUNK).map((p) => ({
              source_id: sourceId,
              first_row: p.row,
              byte_offset: p.offset,
              line: p.line,
            })),
          )
          .execute();
      }
      if (options.yPath) {
        step(`reading labels from ${path.basename(options.yPath)}`);
        let indexes: string[] = [];
        let codes: string[] = [];
        let yRows: number[] = [];
        const flush = async () => {
          if (indexes.length === 0) return;
          const result = await sql<{ n: number }>`
            WITH added AS (
              INSERT INTO source_labels (source_id, row_index, prdtypecode, y_row)
              SELECT ${sourceId}, i, c, r
              FROM unnest(${indexes}::text[], ${codes}::text[], ${yRows}::int[]) AS u(i, c, r)
              ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*)::int AS n FROM added`.execute(trx);
          const duplicates = indexes.length - result.rows[0]!.n;
          if (duplicates > 0)
            labelWarnings.push(
              `${duplicates} repeated index(es) in the Y file: the first label kept`,
            );
          indexes = [];
          codes = [];
          yRows = [];
        };
        for await (const pair of readLabelPairs(options.yPath, (h) =>
          checkLabelHeader(h, options.yPath!),
        )) {
          if ('error' in pair) {
            labelWarnings.push(`Y line ${pair.line}: ${pair.error}; its product will be rejected`);
            continue;
          }
          indexes.push(pair.index);
          codes.push(pair.code);
          yRows.push(pair.row);
          if (indexes.length >= LABEL_CHUNK) await flush();
        }
        await flush();
      }
    });
    step(`registered ${sourceId}: ${index.rowCount} rows, ${labelled ? 'labelled' : 'unlabelled'}`);
    // Registered first: a failure here leaves the source imported and the demo as it was.
    const demo =
      labelled && !options.demo
        ? await stepDemoAside(db, {
            source: { id: sourceId, name },
            actor: options.actor ?? 'workflow',
            keep: options.keepDemo ?? false,
          })
        : { retired: [], kept: [] };
    result = {
      sourceId,
      created: true,
      rows: index.rowCount,
      labelled,
      format: layout.format,
      ...noImages(),
      labelWarnings,
      demo,
    };
  }

  if (options.imagesPath) {
    const images = await importImages(
      deps,
      sourceId,
      options.imagesPath,
      options.imageMaxBytes ?? INGEST_DEFAULTS.imageMaxBytes,
      step,
    );
    Object.assign(result, images);
  }
  return result;
}

async function putFileOnce(store: ObjectStore, key: string, file: string, bytes: number) {
  if (await objectExists(store, store.buckets.raw, key)) return;
  await store.client.putObject(store.buckets.raw, key, fs.createReadStream(file), bytes);
}

async function objectExists(store: ObjectStore, bucket: string, key: string) {
  try {
    await store.client.statObject(bucket, key);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFound') return false;
    throw error;
  }
}

const IMAGE_INSERT_CHUNK = 500;

type ImageCounts = Pick<
  ImportResult,
  'imagesAdded' | 'imagesSkipped' | 'imagesRejected' | 'imageRejectKinds' | 'imageRejects'
>;

function noImages(): ImageCounts {
  return {
    imagesAdded: 0,
    imagesSkipped: 0,
    imagesRejected: 0,
    imageRejectKinds: {},
    imageRejects: [],
  };
}

/**
 * Uploads the images (content-addressed) and records which product each belongs to. A file
 * that is not stored goes to `image_rejects` with its reason, and the import goes on.
 */
async function importImages(
  { db, store }: { db: Db; store: ObjectStore },
  sourceId: string,
  location: string,
  maxBytes: number,
  step: (message: string) => void,
): Promise<ImageCounts> {
  step(`uploading images from ${location}`);
  const counts = noImages();
  let pending: {
    source_id: string;
    imageid: string;
    productid: string;
    raw_key: string;
    bytes: number;
  }[] = [];
  let storedNames: string[] = [];
  // By name: a ZIP may hold one name twice, and one statement cannot upsert a row twice.
  let rejects = new Map<string, ImageReject>();
  const flush = async () => {
    if (pending.length > 0) {
      const inserted = await db
        .insertInto('source_images')
        .values(pending)
        .onConflict((oc) => oc.columns(['source_id', 'imageid', 'productid']).doNothing())
        .returning('imageid')
        .execute();
      counts.imagesAdded += inserted.length;
      // A file rejected by an earlier import and fixed since is no longer a reject.
      await db
        .deleteFrom('image_rejects')
        .where('source_id', '=', sourceId)
        .where('name', 'in', storedNames)
        .execute();
    }
    if (rejects.size > 0) {
      await db
        .insertInto('image_rejects')
        .values(
          [...rejects.values()].map((r) => ({
            source_id: sourceId,
            name: r.name,
            kind: r.kind,
            reason: r.reason,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['source_id', 'name']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            reason: eb.ref('excluded.reason'),
            rejected_at: sql<Date>`now()`,
          })),
        )
        .execute();
    }
    pending = [];
    storedNames = [];
    rejects = new Map();
  };
  const files = readImageFiles(location, { maxBytes });
  let next = await files.next();
  while (!next.done) {
    const entry = next.value;
    if (entry.status === 'rejected') {
      counts.imagesRejected++;
      counts.imageRejectKinds[entry.kind] = (counts.imageRejectKinds[entry.kind] ?? 0) + 1;
      if (counts.imageRejects.length < IMAGE_REJECTS_SHOWN) {
        counts.imageRejects.push({ name: entry.name, kind: entry.kind, reason: entry.reason });
      }
      rejects.set(entry.name, entry);
    } else {
      const sha256 = createHash('sha256').update(entry.bytes).digest('hex');
      const key = rawImageKey(sha256, entry.format);
      if (!(await objectExists(store, store.buckets.raw, key))) {
        await store.client.putObject(store.buckets.raw, key, entry.bytes, entry.bytes.length, {
          'Content-Type': IMAGE_CONTENT_TYPE[entry.format],
        });
      }
      pending.push({
        source_id: sourceId,
        imageid: entry.imageid,
        productid: entry.productid,
        raw_key: key,
        bytes: entry.bytes.length,
      });
      storedNames.push(entry.name);
    }
    if (pending.length + rejects.size >= IMAGE_INSERT_CHUNK) await flush();
    next = await files.next();
  }
  await flush();
  counts.imagesSkipped = next.value.skipped;
  await db
    .updateTable('sources')
    .set({
      image_count: sql<number>`(SELECT count(*) FROM source_images WHERE source_id = ${sourceId})`,
    })
    .where('id', '=', sourceId)
    .execute();
  step(
    `${counts.imagesAdded} new images attached to ${sourceId}` +
      (counts.imagesRejected > 0 ? `, ${counts.imagesRejected} files rejected` : ''),
  );
  return counts;
}
