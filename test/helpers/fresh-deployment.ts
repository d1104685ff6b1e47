import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../core/config/config';
import { createDb } from '../../core/db/connect';
import type { Db } from '../../core/db/connect';
import { migrateToLatest } from '../../core/db/migrate';
import { createObjectStore, ensureBuckets } from '../../core/storage/object-store';
import type { ObjectStore } from '../../core/storage/object-store';

export interface FreshDeployment {
  config: Config;
  db: Db;
  store: ObjectStore;
  /** The variables that point a child process at this deployment. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A database and buckets of their own on the shared services, so a test's sources and ledger
 * cannot meet another test's: ingestion plans over everything registered in its database.
 */
export async function freshDeployment(base: Config): Promise<FreshDeployment> {
  const name = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = createDb(base.postgres.url, { max: 1 });
  await sql.raw(`CREATE DATABASE ${name}`).execute(admin);
  await admin.destroy();
  const url = new URL(base.postgres.url);
  url.pathname = `/${name}`;
  const config: Config = {
    ...base,
    deployment: name,
    postgres: { ...base.postgres, url: url.toString() },
  };
  const db = createDb(config.postgres.url);
  await migrateToLatest(db);
  const store = createObjectStore(config.s3, config.deployment);
  await ensureBuckets(store, config.s3.region);
  return {
    config,
    db,
    store,
    env: {
      DATABASE_URL: config.postgres.url,
      DEPLOYMENT: name,
      S3_ENDPOINT: config.s3.endpoint,
      S3_ACCESS_KEY: config.s3.accessKey,
      S3_SECRET_KEY: config.s3.secretKey,
      TEMPORAL_ADDRESS: config.temporal.address,
    },
    close: () => db.destroy(),
  };
}
