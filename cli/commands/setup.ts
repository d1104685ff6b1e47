import type { Command } from 'commander';
import type { Config } from '../../core/config/config';
import { loadConfig } from '../../core/config/config';
import { createLogger } from '../../core/logging/logger';
import { provision } from '../../infra/stack/provision';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description(
      'apply database migrations, create buckets, register search attributes and apply the schedules (idempotent)',
    )
    .action(async () => {
      const config = loadConfig();
      refusePlaceholders(config);
      await provision(config, createLogger(config.log, 'setup'));
    });
}

/** What infra/.env.example puts where a secret belongs. */
const PLACEHOLDER = /change-?me/i;

/**
 * Refuses to set up a deployment whose secrets are still the example's placeholders: `setup`
 * runs before anything else in the compose file, so nothing starts with them.
 */
export function refusePlaceholders(config: Config): void {
  const secrets: [string, string | undefined][] = [
    ['the password in DATABASE_URL', passwordOf(config.postgres.url)],
    ['S3_ACCESS_KEY', config.s3.accessKey],
    ['S3_SECRET_KEY', config.s3.secretKey],
    ['TEMPORAL_API_KEY', config.temporal.apiKey],
  ];
  const placeholders = secrets.filter(
    ([, value]) => value !== undefined && PLACEHOLDER.test(value),
  );
  if (placeholders.length > 0) {
    const names = placeholders.map(([name]) => name).join(', ');
    throw new UserError(
      `setup: ${names} ${placeholders.length > 1 ? 'are' : 'is'} still a change-me placeholder from infra/.env.example; set a secret of your own (in infra/.env for docker compose)`,
    );
  }
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return undefined;
  }
}
