import type { Command } from 'commander';

/** Internal: the process in which `rakuten dev` runs embedded PostgreSQL. */
export function registerPostgresServerCommand(program: Command): void {
  program
    .command('postgres-server', { hidden: true })
    .requiredOption('--data-dir <dir>')
    .requiredOption('--port <port>', 'port', Number)
    .action(async (options: { dataDir: string; port: number }) => {
      const { superviseEmbeddedPostgres } = await import('../../infra/stack/postgres-supervisor');
      await superviseEmbeddedPostgres({
        dataDir: options.dataDir,
        port: options.port,
        password: process.env.PG_SUPERVISOR_PASSWORD ?? 'postgres',
      });
    });
}
