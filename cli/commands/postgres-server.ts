import type { Command } from 'commander';
import { superviseEmbeddedPostgres } from '../../infra/stack/postgres-supervisor';

/** Internal: the process in which `rakuten dev` runs embedded PostgreSQL. */
export function register(command: Command): void {
  command
    .requiredOption('--data-dir <dir>')
    .requiredOption('--port <port>', 'port', Number)
    .action(async (options: { dataDir: string; port: number }) => {
      await superviseEmbeddedPostgres({
        dataDir: options.dataDir,
        port: options.port,
        password: process.env.PG_SUPERVISOR_PASSWORD ?? 'postgres',
      });
    });
}
