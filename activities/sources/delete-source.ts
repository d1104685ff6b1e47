import { sql } from 'kysely';
import type { RawBuilder, Transaction } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { Database } from '../../core/db/schema';
import type { ObjectStore } from '../../core/storage/object-store';
import { sourceChangeSchema } from '../../core/contracts/source-state';
import type { SourceChange } from '../../core/contracts/source-state';
import { parseContract } from '../../core/contracts/parse';
import { PLANNER_LOCK, STALE_AFTER_SECONDS } from '../ingest/batch-ledger';
import { SourceStateError } from './errors';
import { lockSource, recordSourceEvent } from './source-events';

export interface DeletedSource {
  sourceId: string;
  products: number;
  rejectedRows: number;
  batches: number;
  labels: number;
  images: number;
  /** Objects removed from S3: those no other source refers to. */
  objects: { images: number; raw: number };
}

const REMOVE_PAGE = 1_000;

/**
 * Removes a source and everything ingestion and import wrote for it (products, rejected rows,
 * ledger batches, labels, read positions, images), with a `deleted` event, in one transaction;
 * then the S3 objects no other source refers to. Its events stay: the audit log outlives it.
 * Content-addressed files shared with another source stay for that one. Dataset snapshots
 * taken before keep its rows: they are what trained the models that used them.
 */
export async function deleteSource(
  { db, store }: { db: Db; store: ObjectStore },
  input: SourceChange,
): Promise<DeletedSource> {
  const { sourceId, actor, reason } = parseContract(sourceChangeSchema, input, 'source change');
  const done = await db.transaction().execute(async (trx) => {
    // No planner may hand out this source's rows while it goes.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${PLANNER_LOCK}))`.execute(trx);
    const source = await lockSource(trx, sourceId);
    const live = await trx
      .selectFrom('ingest_batches')
      .select('id')
      .where('source_id', '=', sourceId)
      .where('status', '=', 'planned')
      .where(
        sql<Date>`coalesce(touched_at, planned_at)`,
        '>=',
        sql<Date>`now() - ${`${STALE_AFTER_SECONDS} seconds`}::interval`,
      )
      .executeTakeFirst();
    if (live) {
      throw new SourceStateError(
        `${sourceId} is being ingested (batch ${live.id}): retire it so no new batch starts, then delete it once this one ends`,
        'conflict',
      );
    }
    const imageKeys = (
      await trx
        .selectFrom('products')
        .select('image_key')
        .distinct()
        .where('source_id', '=', sourceId)
        .where('image_key', 'is not', null)
        .execute()
    ).map((r) => r.image_key!);
    const rawKeys = [
      ...(
        await trx
          .selectFrom('source_images')
          .select('raw_key')
          .distinct()
          .where('source_id', '=', sourceId)
          .execute()
      ).map((r) => r.raw_key),
      source.x_key,
      ...(source.y_key ? [source.y_key] : []),
    ];
    const removed = async (
      table:
        | 'products'
        | 'rejected_rows'
        | 'ingest_batches'
        | 'source_labels'
        | 'source_images'
        | 'image_rejects'
        | 'source_chunks',
    ) =>
      Number(
        (await trx.deleteFrom(table).where('source_id', '=', sourceId).executeTakeFirst())
          .numDeletedRows,
      );
    const counts = {
      products: await removed('products'),
      rejectedRows: await removed('rejected_rows'),
      batches: await removed('ingest_batches'),
      labels: await removed('source_labels'),
      images: await removed('source_images'),
    };
    await removed('image_rejects');
    await removed('source_chunks');
    await trx.deleteFrom('sources').where('id', '=', sourceId).execute();
    // With this source's rows gone, a key still referred to belongs to another source too.
    const orphanImages = await unreferenced(trx, imageKeys, sql`SELECT image_key FROM products`);
    const orphanRaw = await unreferenced(
      trx,
      rawKeys,
      sql`SELECT raw_key FROM source_images UNION ALL SELECT x_key FROM sources
          UNION ALL SELECT y_key FROM sources`,
    );
    await recordSourceEvent(trx, source, {
      kind: 'deleted',
      actor,
      reason,
      details: { ...counts, state: source.state, isDemo: source.is_demo },
    });
    return { counts, orphanImages, orphanRaw };
  });
  await removeObjects(store, store.buckets.images, done.orphanImages);
  await removeObjects(store, store.buckets.raw, done.orphanRaw);
  return {
    sourceId,
    ...done.counts,
    objects: { images: done.orphanImages.length, raw: done.orphanRaw.length },
  };
}

async function unreferenced(
  trx: Transaction<Database>,
  keys: string[],
  referring: RawBuilder<unknown>,
): Promise<string[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<{ key: string }>`
    SELECT DISTINCT k AS key FROM unnest(${keys}::text[]) AS k
    WHERE k NOT IN (SELECT r FROM (${referring}) AS refs(r) WHERE r IS NOT NULL)`.execute(trx);
  return rows.map((r) => r.key);
}

async function removeObjects(store: ObjectStore, bucket: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += REMOVE_PAGE) {
    await store.client.removeObjects(bucket, keys.slice(i, i + REMOVE_PAGE));
  }
}
