import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { embeddedPostgresMajor } from '../infra/stack/postgres';
import { cleanEnv, runCli } from './helpers/cli';
import { makeDataDir, removeDataDir } from './helpers/data-dir';
import { freeStackPorts } from './helpers/ports';

/** One line on stderr, no stack trace, exit 1. */
function assertOneLineError(result: { code: number | null; stderr: string }, pattern: RegExp) {
  assert.equal(result.code, 1, result.stderr);
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
  assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

describe('rakuten dev refuses conflicts in one line', () => {
  let dataDir: string;
  let ports: Record<string, string>;
  before(async () => {
    dataDir = makeDataDir();
    ports = await freeStackPorts();
  });
  after(() => removeDataDir(dataDir));

  for (const [variable, label] of [
    ['API_PORT', 'API'],
    ['PG_PORT', 'embedded PostgreSQL'],
    ['TEMPORAL_UI_PORT', 'Temporal Web UI'],
    ['S3_PORT', 'S3 API of SeaweedFS'],
    ['STACK_METRICS_PORT', 'metrics of rakuten dev'],
  ] as const) {
    it(`names the port and ${variable} when ${label}'s port is taken`, async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) =>
        blocker.listen(Number(ports[variable]), '127.0.0.1', resolve),
      );
      try {
        const result = await runCli(['dev'], cleanEnv({ DATA_DIR: dataDir, ...ports }));
        assertOneLineError(
          result,
          new RegExp(
            `Port ${ports[variable]} \\(${label}\\) is already in use.*set ${variable} to another port`,
          ),
        );
      } finally {
        blocker.close();
      }
      assert.equal(fs.existsSync(path.join(dataDir, 'stack.json')), false, 'nothing was started');
    });
  }

  it('names the folder and PG_DATA_DIR when the data folder belongs to another PostgreSQL', async () => {
    const pgDir = path.join(dataDir, 'postgres');
    fs.mkdirSync(pgDir, { recursive: true });
    fs.writeFileSync(path.join(pgDir, 'PG_VERSION'), '15\n');
    try {
      const result = await runCli(['dev'], cleanEnv({ DATA_DIR: dataDir, ...ports }));
      assertOneLineError(
        result,
        new RegExp(
          `${pgDir} holds a PostgreSQL 15 database, but the embedded server is PostgreSQL ${embeddedPostgresMajor()}.*PG_DATA_DIR`,
        ),
      );
    } finally {
      fs.rmSync(pgDir, { recursive: true, force: true });
    }
  });

  it('rejects an invalid variable with its name and the rule it breaks', async () => {
    const result = await runCli(['doctor'], cleanEnv({ DATA_DIR: dataDir, API_PORT: 'eighty' }));
    assertOneLineError(result, /Invalid configuration: API_PORT: /);
    const url = await runCli(
      ['doctor'],
      cleanEnv({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' }),
    );
    assertOneLineError(url, /DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  it('refuses production addresses given without their credentials, naming what is missing', async () => {
    const noPassword = await runCli(
      ['doctor'],
      cleanEnv({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://rakuten@db.example.com/rakuten' }),
    );
    assertOneLineError(noPassword, /DATABASE_URL: has no password/);
    const noKeys = await runCli(
      ['setup'],
      cleanEnv({ DATA_DIR: dataDir, S3_ENDPOINT: 'https://s3.example.com' }),
    );
    assertOneLineError(
      noKeys,
      /S3_ACCESS_KEY: must be set when S3_ENDPOINT is .*S3_SECRET_KEY: must be set when S3_ENDPOINT is/,
    );
  });

  it('setup refuses the change-me placeholders of infra/.env.example before touching anything', async () => {
    const result = await runCli(
      ['setup'],
      cleanEnv({
        DATA_DIR: dataDir,
        // Nothing listens on port 1: a setup that went past the check would fail differently.
        DATABASE_URL: 'postgres://rakuten:change-me-app-db@127.0.0.1:1/rakuten',
        S3_ENDPOINT: 'http://127.0.0.1:1',
        S3_ACCESS_KEY: 'rakuten',
        S3_SECRET_KEY: 'change-me-s3-secret',
        TEMPORAL_ADDRESS: '127.0.0.1:1',
      }),
    );
    assertOneLineError(
      result,
      /^rakuten: setup: the password in DATABASE_URL, S3_SECRET_KEY are still a change-me placeholder from infra\/\.env\.example/,
    );
  });
});
