import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../logging/logger';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run a pipeline worker; start more of them to scale out')
    .action(async () => {
      const config = loadConfig();
      const { runWorker } = await import('../../workers/run-worker');
      await runWorker(config, createLogger(config.log, 'worker'));
    });
}
