import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Config } from '../core/config/config';
import { createDb } from '../core/db/connect';
import { migrateToLatest } from '../core/db/migrate';
import { migrations } from '../core/db/migrations';
import { createLogger } from '../core/logging/logger';
import { provision } from '../infra/stack/provision';
import { BUCKET_KINDS } from '../core/storage/buckets';
import { createObjectStore, ensureBuckets } from '../core/storage/object-store';
import { connectClient } from '../core/temporal/connection';
import { ensureSearchAttributes } from '../infra/temporal/search-attributes';
import { sharedStackConfig } from './helpers/shared-stack';

const schemaSnapshot = sql<{ table_name: string; column_name: string; data_type: string }>`
  select table_name, column_name, data_type from information_schema.columns
  where table_schema = 'public' order by table_name, column_name`;

describe('provisioning the real services', () => {
  let config: Config;
  before(async () => {
    config = await sharedStackConfig();
  });

  it('applies every migration once; running them again changes nothing', async () => {
    const db = createDb(config.postgres.url);
    try {
      await migrateToLatest(db);
      const before = await schemaSnapshot.execute(db);
      const applied = await db
        .selectFrom('kysely_migration' as never)
        .select(sql<string>`name`.as('name'))
        .execute();
      assert.deepEqual(applied.map((r) => r.name).sort(), Object.keys(migrations).sort());

      const second = await migrateToLatest(db);
      assert.equal(second.length, 0, 'a second run applies nothing');
      assert.deepEqual((await schemaSnapshot.execute(db)).rows, before.rows);
      const appliedAgain = await db
        .selectFrom('kysely_migration' as never)
        .select(sql<string>`name`.as('name'))
        .execute();
      assert.equal(appliedAgain.length, applied.length);
      assert.ok(before.rows.some((r) => r.table_name === 'system_checks'));
    } finally {
      await db.destroy();
    }
  });

  it('creates the five buckets, and creating them again is a no-op', async () => {
    const store = createObjectStore(config.s3, config.deployment);
    assert.deepEqual(
      await ensureBuckets(store, config.s3.region),
      [],
      'the stack created them already',
    );
    const names = (await store.client.listBuckets()).map((b) => b.name);
    for (const kind of BUCKET_KINDS)
      assert.ok(names.includes(`${config.deployment}-${kind}`), kind);

    // A deployment with another name gets buckets of its own, created once.
    const other = createObjectStore(config.s3, `t${Date.now()}`);
    assert.equal((await ensureBuckets(other, config.s3.region)).length, BUCKET_KINDS.length);
    assert.deepEqual(await ensureBuckets(other, config.s3.region), []);
  });

  it('registers DatasetVersion and ModelVersion as Keyword search attributes, idempotently', async () => {
    const { connection } = await connectClient(config.temporal);
    try {
      assert.deepEqual(await ensureSearchAttributes(connection, config.temporal.namespace), []);
      const listed = await connection.operatorService.listSearchAttributes({
        namespace: config.temporal.namespace,
      });
      const KEYWORD = 2;
      assert.equal(listed.customAttributes?.DatasetVersion, KEYWORD);
      assert.equal(listed.customAttributes?.ModelVersion, KEYWORD);
    } finally {
      await connection.close();
    }
  });

  it('provision() as a whole is idempotent', async () => {
    await provision(config, createLogger({ format: 'json', level: 'silent' }));
    await provision(config, createLogger({ format: 'json', level: 'silent' }));
  });
});
