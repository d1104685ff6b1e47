import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../core/config/config';
import type { Logger } from '../../core/logging/logger';
import { connectClient } from '../../core/temporal/connection';
import { logServerLine } from './child-logs';
import type { Component } from './component';
import { ManagedProcess } from './managed-process';
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
 * `temporal server start-dev` with its SQLite file under DATA_DIR/temporal, so workflow history
 * survives a restart; ready once the namespace answers.
 */
export function temporalComponent(
  config: Config,
  temporalBinary: string,
  logger: Logger,
): Component {
  return {
    name: 'temporal',
    what: 'Temporal dev server',
    readyTimeoutMs: 90_000,
    spawn() {
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
      if (config.temporal.namespace !== 'default')
        args.push('--namespace', config.temporal.namespace);
      if (config.metrics.temporalServerPort > 0)
        args.push('--metrics-port', String(config.metrics.temporalServerPort));
      return ManagedProcess.spawn('temporal', temporalBinary, args, {
        logger,
        onLine: (line) => logServerLine(logger, line),
      });
    },
    ready: async () => {
      const { connection } = await connectClient(config.temporal);
      try {
        await connection.workflowService.describeNamespace({
          namespace: config.temporal.namespace,
        });
      } finally {
        await connection.close();
      }
    },
  };
}
