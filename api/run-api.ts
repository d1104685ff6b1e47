import cluster from 'node:cluster';
import { once } from 'node:events';
import type { Config } from '../core/config/config';
import { createDb } from '../core/db/connect';
import type { Logger } from '../core/logging/logger';
import { createObjectStore } from '../core/storage/object-store';
import { connectClient } from '../core/temporal/connection';
import { createApiService } from './service';

/**
 * Serves the API until SIGINT or SIGTERM. With API_WORKERS > 1 this process forks that many
 * servers sharing the port (node cluster), replaces any that dies, and stops them all on exit.
 */
export async function runApi(config: Config, logger: Logger): Promise<void> {
  // Listened for before the first await: a signal that arrives while the process is still
  // starting (connecting, loading) must stop it too, once it is up, rather than be missed.
  const stopRequested = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  if (config.api.workers > 1 && cluster.isPrimary) {
    let stopping = false;
    const fork = () => cluster.fork();
    for (let i = 0; i < config.api.workers; i++) fork();
    cluster.on('exit', (worker, code) => {
      if (stopping) return;
      logger.warn({ pid: worker.process.pid, code }, 'API process died; starting another');
      fork();
    });
    logger.info({ url: config.api.url, workers: config.api.workers }, 'API listening');
    await stopRequested;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    for (const worker of workers) worker?.process.kill('SIGTERM');
    await Promise.all(
      workers.filter((w) => w !== undefined && !w.isDead()).map((w) => once(w!, 'exit')),
    );
    return;
  }
  await serve(config, logger, stopRequested);
  // A cluster worker's channel to the primary would keep it alive once everything is closed.
  if (cluster.isWorker) cluster.worker?.disconnect();
}

async function serve(
  config: Config,
  logger: Logger,
  stopRequested: Promise<unknown>,
): Promise<void> {
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  const { connection, client } = await connectClient(config.temporal);
  const service = createApiService({ config, db, store, connection, client, logger });
  const server = service.listen(config.api.port, config.api.host);
  await once(server, 'listening');
  logger.info({ url: config.api.url }, 'API listening');

  await stopRequested;
  logger.info('API stopping');
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await service.stop();
  await connection.close();
  await db.destroy();
}
