import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  ConfigError,
  connectionEnv,
  loadConfig,
  PROJECT_ROOT,
  redactUrl,
} from '../core/config/config';
import { ensurePgPassword, pgPasswordFile } from '../core/config/pg-password';
import { stackFilePath, writeStackFile } from '../core/config/stack-file';
import { connectionOptions } from '../core/temporal/connection';
import { refusePlaceholders } from '../cli/commands/setup';
import { makeDataDir, removeDataDir } from './helpers/data-dir';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** The ConfigError's message, or a failure if loading passed. */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env, { useRunningStack: false });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  const dataDir = makeDataDir();
  after(() => removeDataDir(dataDir));

  it('defaults to the embedded stack on ports away from a system PostgreSQL', () => {
    assert.equal(
      loadConfig({}, { useRunningStack: false }).dataDir,
      path.join(PROJECT_ROOT, '.data'),
    );
    // A data folder without a generated password yet: the one folders were created with before.
    const fresh = makeDataDir();
    const config = loadConfig({ DATA_DIR: fresh }, { useRunningStack: false });
    removeDataDir(fresh);
    assert.equal(config.temporal.address, '127.0.0.1:7233');
    assert.equal(config.temporal.uiPort, 8233);
    assert.equal(config.temporal.embedded, true);
    assert.equal(config.postgres.embedded, true);
    assert.notEqual(config.postgres.port, 5432);
    assert.equal(
      config.postgres.url,
      `postgres://postgres:postgres@127.0.0.1:${config.postgres.port}/rakuten`,
    );
    assert.equal(config.s3.endpoint, 'http://127.0.0.1:8333');
    assert.equal(config.api.url, 'http://127.0.0.1:8000');
  });

  it('treats a production address as "do not embed"', () => {
    const config = loadConfig(
      {
        TEMPORAL_ADDRESS: 'temporal.prod:7233',
        DATABASE_URL: 'postgresql://u:p@db/x',
        S3_ENDPOINT: 'https://s3.example.com',
        S3_ACCESS_KEY: 'AKIAEXAMPLE',
        S3_SECRET_KEY: 'production-secret',
      },
      { useRunningStack: false },
    );
    assert.equal(config.temporal.embedded, false);
    assert.equal(config.postgres.embedded, false);
    assert.equal(config.s3.embedded, false);
    assert.equal(config.postgres.url, 'postgresql://u:p@db/x');
  });

  it('shares the cores among the API processes for inference threads, unless told', () => {
    const cores = os.availableParallelism();
    assert.equal(loadConfig({}, { useRunningStack: false }).serving.inferenceThreads, cores);
    assert.equal(
      loadConfig({ API_WORKERS: String(cores * 2) }, { useRunningStack: false }).serving
        .inferenceThreads,
      1,
    );
    assert.equal(
      loadConfig({ INFERENCE_THREADS: '3' }, { useRunningStack: false }).serving.inferenceThreads,
      3,
    );
    assert.throws(
      () => loadConfig({ INFERENCE_THREADS: '0' }, { useRunningStack: false }),
      /INFERENCE_THREADS/,
    );
  });

  it('names every invalid variable and why', () => {
    assert.throws(
      () =>
        loadConfig(
          { PG_PORT: '70000', S3_ENDPOINT: 'ftp://x', DEPLOYMENT: 'Bad_Name' },
          { useRunningStack: false },
        ),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PG_PORT/.test(error.message) &&
        /S3_ENDPOINT: must be an http/.test(error.message) &&
        /DEPLOYMENT/.test(error.message),
    );
  });

  it('finds a running stack through its stack file, and ignores a dead one', () => {
    const env = { DATA_DIR: dataDir };
    writeStackFile(dataDir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      env: {
        TEMPORAL_ADDRESS: '127.0.0.1:17233',
        S3_ENDPOINT: 'http://127.0.0.1:18333',
        S3_ACCESS_KEY: 'rakuten',
        S3_SECRET_KEY: 'rakuten-secret',
      },
      urls: {},
      children: {},
    });
    assert.equal(loadConfig(env).temporal.address, '127.0.0.1:17233');
    // The environment still wins over the file.
    assert.equal(loadConfig({ ...env, TEMPORAL_ADDRESS: 'x:1' }).temporal.address, 'x:1');
    assert.equal(loadConfig(env, { useRunningStack: false }).temporal.address, '127.0.0.1:7233');

    writeStackFile(dataDir, {
      pid: 2 ** 22 + 7,
      startedAt: '',
      env: { TEMPORAL_ADDRESS: 'stale:1' },
      urls: {},
      children: {},
    });
    assert.equal(loadConfig(env).temporal.address, '127.0.0.1:7233');
  });
});

describe('credentials', () => {
  const dataDir = makeDataDir();
  after(() => removeDataDir(dataDir));

  it('refuses a DATABASE_URL without a password, naming it', () => {
    assert.match(
      refusal({ DATABASE_URL: 'postgres://rakuten@db.example.com:5432/rakuten' }),
      /DATABASE_URL: has no password/,
    );
    assert.equal(
      loadConfig(
        { DATABASE_URL: 'postgres://rakuten:s3cret@db/rakuten' },
        { useRunningStack: false },
      ).postgres.url,
      'postgres://rakuten:s3cret@db/rakuten',
    );
  });

  it('refuses an S3_ENDPOINT without its keys, naming each missing one', () => {
    const both = refusal({ S3_ENDPOINT: 'https://s3.example.com' });
    assert.match(both, /S3_ACCESS_KEY: must be set when S3_ENDPOINT is/);
    assert.match(both, /S3_SECRET_KEY: must be set when S3_ENDPOINT is/);
    const secret = refusal({ S3_ENDPOINT: 'https://s3.example.com', S3_ACCESS_KEY: 'AKIAEXAMPLE' });
    assert.doesNotMatch(secret, /S3_ACCESS_KEY/);
    assert.match(secret, /S3_SECRET_KEY: must be set/);
    const s3 = loadConfig(
      {
        S3_ENDPOINT: 'https://s3.example.com',
        S3_ACCESS_KEY: 'AKIAEXAMPLE',
        S3_SECRET_KEY: 'long-secret',
      },
      { useRunningStack: false },
    ).s3;
    assert.deepEqual([s3.accessKey, s3.secretKey], ['AKIAEXAMPLE', 'long-secret']);
    // The embedded store keeps its own keys, which it is started with.
    const embedded = loadConfig({}, { useRunningStack: false }).s3;
    assert.equal(embedded.embedded, true);
    assert.ok(embedded.accessKey.length >= 3 && embedded.secretKey.length >= 8);
  });

  it('takes Temporal mTLS files in pairs, refuses unreadable ones, and passes them on', () => {
    const cert = path.join(dataDir, 'client.pem');
    const key = path.join(dataDir, 'client.key');
    const ca = path.join(dataDir, 'ca.pem');
    for (const file of [cert, key, ca])
      fs.writeFileSync(file, `-----BEGIN TEST-----\n${path.basename(file)}\n-----END TEST-----\n`);
    assert.match(
      refusal({ TEMPORAL_TLS_CERT: cert }),
      /TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set both or neither/,
    );
    assert.match(
      refusal({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: path.join(dataDir, 'nope.key') }),
      /TEMPORAL_TLS_KEY: cannot read .*nope\.key \(ENOENT\)/,
    );
    const config = loadConfig(
      {
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        TEMPORAL_TLS_CERT: cert,
        TEMPORAL_TLS_KEY: key,
        TEMPORAL_TLS_CA: ca,
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      },
      { useRunningStack: false },
    );
    const options = connectionOptions(config.temporal);
    assert.ok(typeof options.tls === 'object' && options.tls !== null);
    assert.match(String(options.tls.clientCertPair?.crt), /client\.pem/);
    assert.match(String(options.tls.clientCertPair?.key), /client\.key/);
    assert.match(String(options.tls.serverRootCACertificate), /ca\.pem/);
    assert.equal(options.tls.serverNameOverride, 'temporal.internal');
    // Children of `rakuten dev` get the same settings.
    const env = connectionEnv(config);
    assert.equal(env.TEMPORAL_TLS_CERT, cert);
    assert.equal(env.TEMPORAL_TLS_CA, ca);
    // An API key alone still means TLS with the system's CAs.
    const cloud = loadConfig(
      { TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'key' },
      { useRunningStack: false },
    );
    assert.deepEqual(connectionOptions(cloud.temporal), {
      address: 'ns.acct.tmprl.cloud:7233',
      tls: true,
      apiKey: 'key',
    });
    assert.deepEqual(connectionOptions(loadConfig({}, { useRunningStack: false }).temporal), {
      address: '127.0.0.1:7233',
    });
  });

  it('redacts the whole password of a URL, whatever it holds', () => {
    const cases: [string, string][] = [
      ['postgres://u:pass@h:5432/db', 'postgres://u:***@h:5432/db'],
      ['postgres://u:pa:ss@h:5432/db', 'postgres://u:***@h:5432/db'],
      ['postgres://u:p@ss@h:5432/db', 'postgres://u:***@h:5432/db'],
      ['postgres://u:p%40s%3As@h/db', 'postgres://u:***@h/db'],
      ['postgres://u:a:b@c:d@h/db?sslmode=require', 'postgres://u:***@h/db?sslmode=require'],
      ['postgres://u@h/db', 'postgres://u@h/db'],
      ['http://127.0.0.1:8333', 'http://127.0.0.1:8333'],
    ];
    for (const [url, redacted] of cases) assert.equal(redactUrl(url), redacted, url);
    // What a URL parser refuses (a bare `/` or a bad port in the password) is masked up to the last `@`.
    for (const url of ['postgres://u:12/34@h/db', 'postgres://u:se:cr/et@h:5432/db']) {
      const out = redactUrl(url);
      assert.match(out, /^postgres:\/\/\*\*\*@h/, url);
      for (const secret of ['12/34', 'cr/et', 'se:cr']) assert.ok(!out.includes(secret), out);
    }
  });

  it('reads the embedded PostgreSQL password generated for the data folder, kept in a 0600 file', () => {
    const pgDataDir = path.join(dataDir, 'postgres');
    const password = ensurePgPassword(pgDataDir);
    assert.match(password, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(mode(pgPasswordFile(pgDataDir)), 0o600);
    assert.equal(ensurePgPassword(pgDataDir), password, 'generated once');
    const config = loadConfig({ DATA_DIR: dataDir }, { useRunningStack: false });
    assert.equal(new URL(config.postgres.url).password, password);
    assert.equal(redactUrl(config.postgres.url).includes(password), false);
    // A wider mode found on an existing file is narrowed.
    fs.chmodSync(pgPasswordFile(pgDataDir), 0o644);
    ensurePgPassword(pgDataDir);
    assert.equal(mode(pgPasswordFile(pgDataDir)), 0o600);
    // One that cannot be read (another user's, here a folder) is named, not a stack trace.
    const other = path.join(dataDir, 'other');
    fs.mkdirSync(pgPasswordFile(path.join(other, 'postgres')), { recursive: true });
    assert.match(
      refusal({ DATA_DIR: other }),
      /Cannot read the embedded PostgreSQL's password in .*postgres\.password \(EISDIR\)/,
    );
  });

  it('writes stack.json with mode 0600 in a data folder of mode 0700, narrowing what it finds', () => {
    const dir = path.join(dataDir, 'wide');
    fs.mkdirSync(dir, { mode: 0o777 });
    fs.chmodSync(dir, 0o777);
    fs.writeFileSync(stackFilePath(dir), '{}', { mode: 0o644 });
    fs.chmodSync(stackFilePath(dir), 0o644);
    writeStackFile(dir, {
      pid: 1,
      startedAt: '',
      env: { S3_SECRET_KEY: 'x' },
      urls: {},
      children: {},
    });
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(stackFilePath(dir)), 0o600);
    assert.deepEqual(fs.readdirSync(dir), ['stack.json'], 'no temporary file left');

    const created = path.join(dataDir, 'new', 'data');
    writeStackFile(created, { pid: 1, startedAt: '', env: {}, urls: {}, children: {} });
    assert.equal(mode(created), 0o700);
    assert.equal(mode(stackFilePath(created)), 0o600);
  });

  it('setup refuses the change-me placeholders of infra/.env.example, naming each', () => {
    const example = fs.readFileSync(path.join(PROJECT_ROOT, 'infra', '.env.example'), 'utf8');
    const value = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(example)?.[1] ?? '';
    const env = {
      DATABASE_URL: `postgres://rakuten:${value('POSTGRES_PASSWORD')}@postgresql:5432/rakuten`,
      S3_ENDPOINT: 'http://seaweedfs:8333',
      S3_ACCESS_KEY: value('S3_ACCESS_KEY'),
      S3_SECRET_KEY: value('S3_SECRET_KEY'),
    };
    assert.throws(
      () => refusePlaceholders(loadConfig(env, { useRunningStack: false })),
      /setup: the password in DATABASE_URL, S3_SECRET_KEY are still a change-me placeholder/,
    );
    assert.throws(
      () =>
        refusePlaceholders(
          loadConfig(
            { ...env, DATABASE_URL: 'postgres://rakuten:s3cr3t@postgresql:5432/rakuten' },
            { useRunningStack: false },
          ),
        ),
      (error: unknown) =>
        error instanceof Error &&
        /S3_SECRET_KEY is still a change-me placeholder/.test(error.message) &&
        !/DATABASE_URL/.test(error.message),
    );
    refusePlaceholders(
      loadConfig(
        {
          ...env,
          DATABASE_URL: 'postgres://rakuten:s3cr3t@postgresql:5432/rakuten',
          S3_SECRET_KEY: 'a-real-secret-value',
        },
        { useRunningStack: false },
      ),
    );
  });
});
