import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../core/config/config';
import type { Logger } from '../../core/logging/logger';
import { connectClient } from '../../core/temporal/connection';
import { logServerLine } from './child-logs';
import { ManagedProcess, waitUntilReady } from './managed-process';
import type { PortClaim } from '../../core/ports';

export function temporalPortClaims(config: Config): PortClaim[] {
  return [
    { port: config.temporal.port, purpose: 'Temporal gRPC', variable: 'TEMPORAL_PORT' },
    { port: config.temporal.uiPort, purpose: 'Temporal Web UI', variable: 'TEMPORAL_UI_PORT' },
    ...(config.metrics.temporalServerPort > 0
      ? [
          {
            port: config.metrics.temporalServerPort,
            purpose: 'Temporal server metrics',
            variable: 'TEMPORAL_SERVER_METRICS_PORT',
          },
        ]
      : []),
  ];
}

/**
 * Starts `temporal server start-dev` with its SQLite file under DATA_DIR/temporal, so workflow
 * history survives a restart, and waits until the namespace answers.
 */
export async function startTemporalServer(
  config: Config,
  temporalBinary: string,
  logger: Logger,
): Promise<ManagedProcess> {
  const dir = path.join(config.dataDir, 'temporal');
  fs.mkdirSync(dir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(config.temporal.port),
    '--ui-port',
    String(config.temporal.uiPort),
    '--db-filename',
    path.join(dir, 'temporal.db'),
  ];
  if (config.temporal.namespace !== 'default') args.push('--namespace', config.temporal.namespace);
  if (config.metrics.temporalServerPort > 0)
    args.push('--metrics-port', String(config.metrics.temporalServerPort));
  const proc = ManagedProcess.spawn('temporal', temporalBinary, args, {
    logger,
    onLine: (line) => logServerLine(logger, line),
  });
  await waitUntilReady(
    proc,
    async () => {
      const { connection } = await connectClient(config.temporal);
      try {
        await connection.workflowService.describeNamespace({
          namespace: config.temporal.namespace,
        });
      } finally {
        await connection.close();
      }
    },
    { timeoutMs: 90_000, what: 'Temporal dev server' },
  );
  return proc;
}
