import { once } from 'node:events';
import type { Config } from '../config/config';
import { createDb } from '../db/connect';
import type { Logger } from '../logging/logger';
import { createObjectStore } from '../storage/object-store';
import { connectClient } from '../temporal/connection';
import { createApp } from './app';
import { createHealthCheck } from './health';

/** Serves the API until SIGINT or SIGTERM, then stops accepting requests and closes its clients. */
export async function runApi(config: Config, logger: Logger): Promise<void> {
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  const { connection } = await connectClient(config.temporal);
  const app = createApp({
    health: createHealthCheck({ connection, namespace: config.temporal.namespace, db, store }),
  });
  const server = app.listen(config.api.port, config.api.host);
  await once(server, 'listening');
  logger.info({ url: config.api.url }, 'API listening');

  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  logger.info('API stopping');
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connection.close();
  await db.destroy();
}
