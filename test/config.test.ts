import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../core/config/config';
import { writeStackFile } from '../core/config/stack-file';
import { makeDataDir, removeDataDir } from './helpers/data-dir';

describe('configuration', () => {
  const dataDir = makeDataDir();
  after(() => removeDataDir(dataDir));

  it('defaults to the embedded stack on ports away from a system PostgreSQL', () => {
    const config = loadConfig({}, { useRunningStack: false });
    assert.equal(config.dataDir, path.join(PROJECT_ROOT, '.data'));
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
      env: { TEMPORAL_ADDRESS: '127.0.0.1:17233', S3_ENDPOINT: 'http://127.0.0.1:18333' },
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
