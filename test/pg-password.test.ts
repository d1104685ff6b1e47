import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../core/config/config';
import { LEGACY_PG_PASSWORD, pgPasswordFile } from '../core/config/pg-password';
import { freePort } from '../core/ports';
import { StackError } from '../core/stack-error';
import { startComponent } from '../infra/stack/component';
import { postgresComponent, withEmbeddedPostgresPassword } from '../infra/stack/postgres';
import { makeDataDir, removeDataDir } from './helpers/data-dir';

/** A logger whose lines the test reads. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function connectAs(url: string, password: string): Promise<void> {
  const target = new URL(url);
  target.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: target.toString() });
  client.on('error', () => undefined);
  await client.connect();
  await client.end();
}

describe('the embedded PostgreSQL password', () => {
  const dataDir = makeDataDir();
  const pgDataDir = path.join(dataDir, 'postgres');
  after(() => removeDataDir(dataDir));

  it('is generated with the data folder, and a folder made with the old fixed one is rotated on its next start', async () => {
    const env = { DATA_DIR: dataDir, PG_PORT: String(await freePort()) };
    const first = withEmbeddedPostgresPassword(loadConfig(env, { useRunningStack: false }));
    const generated = decodeURIComponent(new URL(first.postgres.url).password);
    assert.notEqual(generated, LEGACY_PG_PASSWORD);
    assert.equal(fs.readFileSync(pgPasswordFile(pgDataDir), 'utf8').trim(), generated);
    let proc = await startComponent(postgresComponent(first, capturingLogger().logger));
    try {
      await assert.rejects(connectAs(first.postgres.url, LEGACY_PG_PASSWORD), {
        code: '28P01',
      });
      // Back to what every data folder had before passwords were generated.
      const client = new pg.Client({ connectionString: first.postgres.url });
      await client.connect();
      await client.query(`alter role postgres password '${LEGACY_PG_PASSWORD}'`);
      await client.end();
    } finally {
      await proc.stop();
    }
    fs.rmSync(pgPasswordFile(pgDataDir));
    // Until the stack starts again, other processes use the old password, which still works.
    assert.equal(
      new URL(loadConfig(env, { useRunningStack: false }).postgres.url).password,
      LEGACY_PG_PASSWORD,
    );

    const next = withEmbeddedPostgresPassword(loadConfig(env, { useRunningStack: false }));
    const rotatedTo = decodeURIComponent(new URL(next.postgres.url).password);
    assert.notEqual(rotatedTo, generated);
    const { logger, lines } = capturingLogger();
    proc = await startComponent(postgresComponent(next, logger));
    try {
      assert.ok(
        lines.some((l) => l.includes("rotated the PostgreSQL superuser's password")),
        lines.join(''),
      );
      await connectAs(next.postgres.url, rotatedTo);
      await assert.rejects(connectAs(next.postgres.url, LEGACY_PG_PASSWORD), { code: '28P01' });
      // Another process of the checkout finds it.
      assert.equal(loadConfig(env, { useRunningStack: false }).postgres.url, next.postgres.url);
      assert.equal(fs.statSync(pgPasswordFile(pgDataDir)).mode & 0o777, 0o600);
    } finally {
      await proc.stop();
    }

    // A password file that is neither the cluster's nor the old default stops the start at once.
    fs.writeFileSync(pgPasswordFile(pgDataDir), 'not-the-password\n', { mode: 0o600 });
    const wrong = withEmbeddedPostgresPassword(loadConfig(env, { useRunningStack: false }));
    const started = performance.now();
    await assert.rejects(
      startComponent(postgresComponent(wrong, capturingLogger().logger)),
      (error: unknown) =>
        error instanceof StackError &&
        error.message.includes(`refuses the password in ${pgPasswordFile(pgDataDir)}`),
    );
    assert.ok(performance.now() - started < 60_000, 'without waiting for the start-up timeout');
  });
});
