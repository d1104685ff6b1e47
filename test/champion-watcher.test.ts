import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createLogger } from '../core/logging/logger';
import { watchChampion } from '../api/serving/champion-watcher';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { sharedStackConfig } from './helpers/shared-stack';

describe('watchChampion', () => {
  let d: FreshDeployment;
  before(async () => {
    d = await freshDeployment(await sharedStackConfig());
  });
  after(async () => {
    await d?.close();
  });

  const listeners = async () =>
    Number(
      (
        await sql<{ n: string }>`
          select count(*) as n from pg_stat_activity
          where datname = current_database() and query like 'LISTEN%'`.execute(d.db)
      ).rows[0]!.n,
    );

  it('stopped while it is still connecting, it leaves no connection behind', async () => {
    const logger = createLogger({ format: 'json', level: 'silent' }, 'test');
    for (let i = 0; i < 5; i++) {
      // Stopped at once: the LISTEN connection is still being made.
      const watcher = watchChampion({
        databaseUrl: d.config.postgres.url,
        pollSeconds: 60,
        onChange: () => Promise.resolve(),
        logger,
      });
      await watcher.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await listeners(), 0);

    // Stopped once listening: the connection is ended too.
    let changes = 0;
    const watcher = watchChampion({
      databaseUrl: d.config.postgres.url,
      pollSeconds: 60,
      onChange: () => {
        changes++;
        return Promise.resolve();
      },
      logger,
    });
    for (let i = 0; i < 100 && changes === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await listeners(), 1);
    await watcher.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await listeners(), 0);
  });
});
