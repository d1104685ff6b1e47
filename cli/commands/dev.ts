import type { Command } from 'commander';

export function registerDevCommand(program: Command): void {
  program
    .command('dev')
    .description('run the whole stack on this machine: Temporal, PostgreSQL, S3, worker and API')
    .action(async () => {
      const { runDev } = await import('../dev');
      await runDev();
    });
}
