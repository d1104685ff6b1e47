import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import { createLogger } from '../../core/logging/logger';

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description(
      'apply database migrations, create buckets, register search attributes and apply the schedules (idempotent)',
    )
    .action(async () => {
      const config = loadConfig();
      const { provision } = await import('../../infra/stack/provision');
      await provision(config, createLogger(config.log, 'setup'));
    });
}
