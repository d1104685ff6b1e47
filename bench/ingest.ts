/**
 * Ingestion throughput and memory, on real PostgreSQL, SeaweedFS and Temporal started for the
 * run (free ports, a throw-away folder):
 *   - 100,000 synthetic rows: import, then the ingestBatch workflow loading them all;
 *   - a 500,000-row file imported and loaded in a process of its own: peak RSS.
 *   node --import tsx bench/ingest.ts [rows] [memoryRows]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createActivities } from '../activities';
import { connectionEnv } from '../core/config/config';
import { createDb } from '../core/db/connect';
import { importSource } from '../activities/ingest/import-source';
import { createObjectStore } from '../core/storage/object-store';
import { writeChallengeFiles } from '../synthetic';
import { connectWorker } from '../core/temporal/worker-connection';
import { createPipelineWorker } from '../workers/pipeline-worker';
import type { ingestBatch } from '../workflows';
import { startTestStack } from '../test/helpers/shared-stack';
import { installQuietRuntime } from '../test/helpers/temporal-runtime';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const memoryRows = Number(process.argv[3] ?? 500_000);
  installQuietRuntime();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-bench-ingest-'));
  const stackStarted = performance.now();
  const test = await startTestStack();
  const config = test.stack.config;
  console.log(`stack up in ${((performance.now() - stackStarted) / 1000).toFixed(1)} s`);
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  try {
    let t = performance.now();
    const files = await writeChallengeFiles({ rows, seed: 1, outDir: scratch });
    const bytes = fs.statSync(files.xPath).size;
    console.log(
      `${rows} synthetic rows written (${(bytes / 2 ** 20).toFixed(1)} MB X file) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const connection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection });
    const workerConnection = await connectWorker(config.temporal);
    const taskQueue = `bench-ingest-${randomUUID()}`;
    const worker = await createPipelineWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      activities: createActivities({ db, store, ingest: config.ingest }),
    });
    const result = await worker.runUntil(async () => {
      // A deployed worker runs for days: one run with nothing to load, before the source exists,
      // stands for that, so the figure is not a fresh worker's first workflow task.
      await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
        taskQueue,
        workflowId: `bench-ingest-warm-${randomUUID()}`,
        args: [{ batchSize: rows }],
      });
      t = performance.now();
      await importSource({ db, store }, { xPath: files.xPath, yPath: files.yPath });
      console.log(
        `import (hash, index, upload, labels): ${((performance.now() - t) / 1000).toFixed(2)} s`,
      );

      const started = performance.now();
      const r = await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
        taskQueue,
        workflowId: `bench-ingest-${randomUUID()}`,
        args: [{ batchSize: rows }],
      });
      return { ...r, seconds: (performance.now() - started) / 1000 };
    });
    await connection.close();
    await workerConnection.close();
    const count = await db
      .selectFrom('products')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `ingestBatch(${rows}): ${result.inserted} inserted, ${result.rejected} rejected, ${result.batches.length} ledger batches in ${result.seconds.toFixed(2)} s = ${Math.round(rows / result.seconds)} rows/s (products table: ${count.n})`,
    );

    // Memory: a file five times larger, in a fresh process against a fresh database.
    t = performance.now();
    const big = await writeChallengeFiles({
      rows: memoryRows,
      seed: 2,
      outDir: path.join(scratch, 'big'),
    });
    console.log(
      `${memoryRows} synthetic rows written (${(fs.statSync(big.xPath).size / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const dbName = `bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    await sql.raw(`CREATE DATABASE ${dbName}`).execute(db);
    const url = new URL(config.postgres.url);
    url.pathname = `/${dbName}`;
    const env = { ...process.env, ...connectionEnv(config), DATABASE_URL: url.toString() };
    // The fresh database needs the schema: `rakuten setup` provisions it as for production.
    execFileSync(process.execPath, [path.join(__dirname, '..', 'bin', 'rakuten.js'), 'setup'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'ingest-memory-run.ts'), big.xPath, big.yPath],
      { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const memory = JSON.parse(out.trim().split('\n').pop()!) as {
      rows: number;
      importSeconds: number;
      loadSeconds: number;
      rssSamplesMb: number[];
      peakRssMb: number;
    };
    console.log(
      `${memory.rows} rows: import ${memory.importSeconds.toFixed(1)} s, load ${memory.loadSeconds.toFixed(1)} s (${Math.round(memory.rows / memory.loadSeconds)} rows/s); RSS samples ${memory.rssSamplesMb.join(' ')} MB; peak RSS ${memory.peakRssMb.toFixed(0)} MB`,
    );
  } finally {
    await db.destroy();
    await test.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
