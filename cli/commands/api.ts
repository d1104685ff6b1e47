import type { Command } from 'commander';
import { runApi } from '../../api/run-api';
import { loadConfig } from '../../core/config/config';
import { createLogger } from '../../core/logging/logger';

export function register(command: Command): void {
  command.description('serve the HTTP API on API_HOST:API_PORT').action(async () => {
    const config = loadConfig();
    await runApi(config, createLogger(config.log, 'api'));
  });
}
