import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../core/db/connect';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';
import { BUCKET_KINDS } from '../../core/storage/buckets';

export interface SystemCheckDeps {
  db: Db;
  store: ObjectStore;
}

export interface ProbeResult {
  latencyMs: number;
  detail: string;
}

const PROBE_PREFIX = 'system-checks/';

export function createSystemCheckActivities({ db, store }: SystemCheckDeps) {
  return {
    /** Writes a row and reads it back. Upserts, so a retried attempt does not collide with itself. */
    async checkPostgres(checkId: string): Promise<ProbeResult> {
      const started = performance.now();
      const token = randomUUID();
      await db
        .insertInto('system_checks')
        .values({ id: checkId, token })
        .onConflict((oc) => oc.column('id').doUpdateSet({ token }))
        .execute();
      const row = await db
        .selectFrom('system_checks')
        .select('token')
        .where('id', '=', checkId)
        .executeTakeFirst();
      if (row?.token !== token) {
        throw ApplicationFailure.nonRetryable(
          `PostgreSQL returned ${row ? 'a different' : 'no'} row for system check ${checkId}`,
        );
      }
      return { latencyMs: elapsed(started), detail: 'wrote and read back a row in system_checks' };
    },

    /** Checks every bucket exists, then writes, reads back and deletes a probe object. */
    async checkS3(checkId: string): Promise<ProbeResult> {
      const started = performance.now();
      const existing = new Set((await store.client.listBuckets()).map((b) => b.name));
      const missing = BUCKET_KINDS.map((kind) => store.buckets[kind]).filter(
        (b) => !existing.has(b),
      );
      if (missing.length > 0) {
        throw ApplicationFailure.nonRetryable(
          `S3 buckets missing: ${missing.join(', ')} (run \`rakuten setup\` to create them)`,
        );
      }
      const bucket = store.buckets.reports;
      const key = `${PROBE_PREFIX}${checkId}`;
      const body = `system check ${checkId} ${randomUUID()}`;
      await store.client.putObject(bucket, key, body);
      const read = (await readObject(store, bucket, key)).toString('utf8');
      await store.client.removeObject(bucket, key);
      if (read !== body) {
        throw ApplicationFailure.nonRetryable(`S3 returned different bytes for ${bucket}/${key}`);
      }
      return {
        latencyMs: elapsed(started),
        detail: `${BUCKET_KINDS.length} buckets present; wrote, read back and deleted ${bucket}/${key}`,
      };
    },
  };
}

export type SystemCheckActivities = ReturnType<typeof createSystemCheckActivities>;

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
