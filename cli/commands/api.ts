import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import { createLogger } from '../../core/logging/logger';

export function registerApiCommand(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API on API_HOST:API_PORT')
    .action(async () => {
      const config = loadConfig();
      const { runApi } = await import('../../api/run-api');
      await runApi(config, createLogger(config.log, 'api'));
    });
}
