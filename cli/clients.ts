import type { Config } from '../core/config/config';
import { createDb } from '../core/db/connect';
import type { Db } from '../core/db/connect';
import { createObjectStore } from '../core/storage/object-store';
import type { ObjectStore } from '../core/storage/object-store';

/** PostgreSQL and S3 for one CLI command, closed when it is done. */
export async function withDataClients<T>(
  config: Config,
  run: (clients: { db: Db; store: ObjectStore }) => Promise<T>,
): Promise<T> {
  const db = createDb(config.postgres.url, { max: 4 });
  try {
    return await run({ db, store: createObjectStore(config.s3, config.deployment) });
  } finally {
    await db.destroy();
  }
}

/** The Temporal Web UI: TEMPORAL_UI_URL, or the one this stack runs. */
export function temporalUiUrl(config: Config): string | undefined {
  return config.temporal.uiUrl;
}
