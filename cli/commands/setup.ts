import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import { createLogger } from '../../core/logging/logger';
import { provision } from '../../infra/stack/provision';

export function register(command: Command): void {
  command
    .description(
      'apply database migrations, create buckets, register search attributes and apply the schedules (idempotent)',
    )
    .action(async () => {
      const config = loadConfig();
      await provision(config, createLogger(config.log, 'setup'));
    });
}
