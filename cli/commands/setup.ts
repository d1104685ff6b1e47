import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../logging/logger';

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description(
      'apply database migrations, create buckets, register search attributes and apply the schedules (idempotent)',
    )
    .action(async () => {
      const config = loadConfig();
      const { provision } = await import('../../stack/provision');
      await provision(config, createLogger(config.log, 'setup'));
    });
}
