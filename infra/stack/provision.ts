import type { Config } from '../../core/config/config';
import { redactUrl } from '../../core/config/config';
import { createDb } from '../../core/db/connect';
import { migrateToLatest } from '../../core/db/migrate';
import type { Logger } from '../../core/logging/logger';
import { createObjectStore, ensureBuckets } from '../../core/storage/object-store';
import { connectClient } from '../../core/temporal/connection';
import { ensureRetrainController } from '../../core/temporal/retrain-controller';
import { applySchedules, deploymentSchedules } from '../../core/temporal/schedules';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { StackError } from '../../core/stack-error';

/**
 * Brings PostgreSQL, S3 and Temporal to the state the pipeline expects: migrations applied,
 * buckets created, search attributes registered, schedules applied. Idempotent, for embedded and
 * production services alike.
 */
export async function provision(config: Config, logger: Logger): Promise<void> {
  await step('PostgreSQL', redactUrl(config.postgres.url), 'DATABASE_URL', async () => {
    const db = createDb(config.postgres.url, { max: 1 });
    try {
      const applied = await migrateToLatest(db);
      logger.info(
        applied.length > 0
          ? `applied migrations ${applied.map((m) => m.migrationName).join(', ')}`
          : 'database schema up to date',
      );
    } finally {
      await db.destroy();
    }
  });

  await step('S3', config.s3.endpoint, 'S3_ENDPOINT', async () => {
    const store = createObjectStore(config.s3, config.deployment);
    const created = await ensureBuckets(store, config.s3.region);
    logger.info(created.length > 0 ? `created buckets ${created.join(', ')}` : 'buckets present');
  });

  await step('Temporal', config.temporal.address, 'TEMPORAL_ADDRESS', async () => {
    const { connection, client } = await connectClient(config.temporal);
    try {
      const added = await ensureSearchAttributes(connection, config.temporal.namespace);
      logger.info(
        added.length > 0
          ? `registered search attributes ${added.join(', ')}`
          : 'search attributes present',
      );
      const schedules = await applySchedules(client, deploymentSchedules(config.retention));
      logger.info(`schedules: ${schedules.map((s) => `${s.id} ${s.outcome}`).join(', ')}`);
      await ensureRetrainController(client);
      logger.info('retraining controller running');
    } finally {
      await connection.close();
    }
  });
}

/** Turns a failure into one line that names the service, its address and the variable to check. */
async function step(
  service: string,
  address: string,
  variable: string,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StackError(
      `Cannot set up ${service} at ${address}: ${reason}. Is the stack running (npm start)? Otherwise check ${variable}.`,
      { cause: error },
    );
  }
}
