import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { sql } from 'kysely';
import { createActivities } from '../activities';
import { importSource } from '../activities/ingest/import-source';
import { accountSources } from '../activities/ingest/source-accounting';
import { prunePage } from '../activities/retention/prune-rows';
import type { Config } from '../core/config/config';
import { connectionEnv, INGEST_DEFAULTS } from '../core/config/config';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import type { ApplyRetentionInput, ApplyRetentionResult } from '../core/contracts/retention';
import { createDb } from '../core/db/connect';
import type { Db } from '../core/db/connect';
import { createObjectStore } from '../core/storage/object-store';
import { connectClient } from '../core/temporal/connection';
import { connectWorker } from '../core/temporal/worker-connection';
import { deploymentSchedules } from '../core/temporal/schedules';
import { createPipelineWorker } from '../workers/pipeline-worker';
import { bundlePipelineWorkflows } from '../workers/workflow-bundle';
import type { applyRetention, ingestBatch } from '../workflows';
import { retentionPlan } from '../workflows/retention-plan';
import { cleanEnv, runCli } from './helpers/cli';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { sharedStackConfig, startTestStack } from './helpers/shared-stack';
import type { TestStack } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';

installQuietRuntime();

const DAY_MS = 86_400_000;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-retention-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/**
 * Ten rows, four of them rejected (rows 1, 3, 6, 8), unlabelled: ingesting them tells the
 * retraining controller nothing, so a stack with a worker does not start training on them.
 */
function csvWithRejects(): string {
  const file = path.join(scratch, `rows-${randomUUID().slice(0, 8)}.csv`);
  const rows = [
    'Cahier à spirale',
    '',
    'Figurine dragon',
    '',
    'Lampe de chevet',
    'Chaise en bois',
    '',
    'Jeu de société',
    '',
    'Stylo bille',
  ];
  fs.writeFileSync(file, `designation,description\n${rows.map((r) => `${r},desc\n`).join('')}`);
  return file;
}

/** Rejected rows of the first `firstRows` rows become `days` old; the others stay recent. */
async function ageRejectedRows(db: Db, firstRows: number, days: number): Promise<number> {
  const result = await db
    .updateTable('rejected_rows')
    .set({ rejected_at: sql<Date>`now() - make_interval(days => ${days})` })
    .where('row_number', '<', firstRows)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** `old` predictions `oldDays` old and `recent` from an hour ago. */
async function logPredictions(db: Db, old: number, oldDays: number, recent: number) {
  await sql`
    INSERT INTO prediction_log (at, model_version, input_sha256, title_length,
      description_length, predicted_code, confidence, latency_ms)
    SELECT now() - make_interval(days => ${oldDays}) - make_interval(secs => g), 'm-test', md5(g::text),
      10, 0, 2583, 0.9, 1.5
    FROM generate_series(1, ${old}) AS g
    UNION ALL
    SELECT now() - interval '1 hour', 'm-test', md5(g::text), 10, 0, 2583, 0.9, 1.5
    FROM generate_series(1, ${recent}) AS g`.execute(db);
}

async function countOf(db: Db, table: 'prediction_log' | 'rejected_rows'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function deletedIn(result: ApplyRetentionResult, table: string): number | undefined {
  return result.tables.find((t) => t.table === table)?.deleted;
}

describe('retention: the applyRetention workflow on real services', () => {
  let base: Config;
  let client: Client;
  let connection: Connection;
  let workerConnection: NativeConnection;
  let bundle: Awaited<ReturnType<typeof bundlePipelineWorkflows>>;
  const deployments: FreshDeployment[] = [];

  before(async () => {
    base = await sharedStackConfig();
    connection = await Connection.connect({ address: base.temporal.address });
    client = new Client({ connection, namespace: base.temporal.namespace });
    workerConnection = await connectWorker(base.temporal);
    bundle = await bundlePipelineWorkflows();
  });
  after(async () => {
    for (const d of deployments) await d.close();
    await connection.close();
    await workerConnection.close();
  });

  async function withWorker<T>(
    d: FreshDeployment,
    fn: (run: <R>(type: string, input: unknown) => Promise<R>) => Promise<T>,
  ): Promise<T> {
    const taskQueue = `retention-${randomUUID()}`;
    const worker = await createPipelineWorker({
      connection: workerConnection,
      namespace: base.temporal.namespace,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({
        db: d.db,
        store: d.store,
        ingest: { ...INGEST_DEFAULTS, chunkRows: 2 },
      }),
    });
    return worker.runUntil(() =>
      fn(
        <R>(type: string, input: unknown) =>
          client.workflow.execute(type, {
            taskQueue,
            workflowId: `${type}-test-${randomUUID()}`,
            args: [input],
          }) as Promise<R>,
      ),
    );
  }

  it('computes each cutoff from the run time; 0 days keeps a table forever', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    assert.deepEqual(retentionPlan({ predictionLogDays: 30, rejectedRowsDays: 0 }, now), [
      { table: 'prediction_log', days: 30, cutoff: new Date('2026-01-30T00:00:00Z') },
      { table: 'rejected_rows', days: 0, cutoff: null },
    ]);
  });

  it('deletes only old rows of both tables, in pages, idempotently, and sources show still balances', async () => {
    const d = await freshDeployment(base);
    deployments.push(d);
    const { sourceId } = await importSource(d, { xPath: csvWithRejects() });
    await withWorker(d, async (run) => {
      // Two batches of five rows, so pruning spans batches and leaves some rows of each kind.
      const ingested = await run<Awaited<ReturnType<typeof ingestBatch>>>('ingestBatch', {
        batchSize: 5,
        all: true,
      });
      assert.equal(ingested.inserted, 6);
      assert.equal(ingested.rejected, 4);
      assert.equal(ingested.batches.length, 2);

      // Rows 1 and 3 (first batch) are 120 days old; 6 and 8 stay recent. 12,003 predictions
      // are 40 days old (three pages of 5,000), 7 are an hour old.
      assert.equal(await ageRejectedRows(d.db, 5, 120), 2);
      await logPredictions(d.db, 12_003, 40, 7);
      const input: ApplyRetentionInput = { predictionLogDays: 30, rejectedRowsDays: 90 };
      const first = await run<ApplyRetentionResult>('applyRetention', input);
      assert.equal(deletedIn(first, 'prediction_log'), 12_003);
      assert.equal(deletedIn(first, 'rejected_rows'), 2);
      assert.equal(await countOf(d.db, 'prediction_log'), 7);
      const kept = await d.db.selectFrom('rejected_rows').select('row_number').execute();
      assert.deepEqual(kept.map((r) => r.row_number).sort(), [6, 8]);

      const [account] = await accountSources(d.db, sourceId);
      assert.equal(account!.ok, true, JSON.stringify(account));
      assert.equal(account!.loaded, 6);
      assert.equal(account!.rejected, 4, 'pruned rows still count as rejected');
      assert.equal(account!.rejectedPruned, 2);
      assert.equal(account!.accounted, 10);
      const shown = await runCli(['sources', 'show'], cleanEnv(d.env));
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(
        shown.stdout,
        /ok: 10\/10 ingested rows accounted for \(2 rejected rows pruned by retention\)/,
      );

      // Run again: nothing more is old enough.
      const second = await run<ApplyRetentionResult>('applyRetention', input);
      assert.deepEqual(
        second.tables.map((t) => t.deleted),
        [0, 0],
      );
      assert.equal((await accountSources(d.db, sourceId))[0]!.ok, true);

      // 0 days: kept forever, however old.
      await logPredictions(d.db, 3, 4_000, 0);
      assert.equal(await ageRejectedRows(d.db, 10, 4_000), 2);
      const forever = await run<ApplyRetentionResult>('applyRetention', {
        predictionLogDays: 0,
        rejectedRowsDays: 0,
      });
      assert.deepEqual(
        forever.tables.map((t) => [t.table, t.cutoff, t.deleted]),
        [
          ['prediction_log', null, 0],
          ['rejected_rows', null, 0],
        ],
      );
      assert.equal(await countOf(d.db, 'prediction_log'), 10);
      assert.equal(await countOf(d.db, 'rejected_rows'), 2);
    });
  });

  it('keeps an old rejected row that is also a product, so the check still reports it', async () => {
    const d = await freshDeployment(base);
    deployments.push(d);
    const { sourceId } = await importSource(d, { xPath: csvWithRejects() });
    await withWorker(d, (run) => run('ingestBatch', { all: true }));
    // A broken load: row 0 both loaded and rejected.
    await sql`
      INSERT INTO rejected_rows (source_id, row_number, line, reason, raw_text, batch_id)
      SELECT source_id, row_number, line, 'planted', 'x', batch_id FROM products
      WHERE row_number = 0`.execute(d.db);
    await ageRejectedRows(d.db, 10, 400);
    let deleted = 0;
    for (let n = -1; n !== 0; deleted += n) {
      n = await prunePage(d.db, 'rejected_rows', new Date(Date.now() - DAY_MS), 2);
    }
    assert.equal(deleted, 4, 'the four real rejects, two per page');
    const kept = await d.db.selectFrom('rejected_rows').select('row_number').execute();
    assert.deepEqual(
      kept.map((r) => r.row_number),
      [0],
    );
    const [account] = await accountSources(d.db, sourceId);
    assert.equal(account!.both, 1);
    assert.equal(account!.ok, false);
  });

  it('refuses nonsense input non-retryably, naming the field', async () => {
    const d = await freshDeployment(base);
    deployments.push(d);
    await withWorker(d, async (run) => {
      for (const [input, field] of [
        [
          { predictionLogDays: -1, rejectedRowsDays: 90 },
          /predictionLogDays: must be an integer between 0 and 3,650/,
        ],
        [{ predictionLogDays: 30, rejectedRowsDays: 'x' }, /rejectedRowsDays: must be an integer/],
        [{ predictionLogDays: 30, rejectedRowsDays: 1.5 }, /rejectedRowsDays: must be an integer/],
        [{ predictionLogDays: 30, rejectedRowsDays: 90, table: 'products' }, /unknown field table/],
        [{ predictionLogDays: 30 }, /rejectedRowsDays: /],
      ] as const) {
        await assert.rejects(
          run('applyRetention', input),
          (error: unknown) =>
            error instanceof WorkflowFailedError &&
            error.cause instanceof ApplicationFailure &&
            error.cause.nonRetryable &&
            field.test(error.cause.message),
        );
      }
    });
  });
});

describe('retention-daily: the schedule of a running stack, configured in days', () => {
  let test: TestStack;
  let env: NodeJS.ProcessEnv;
  const saved = { ...process.env };

  before(async () => {
    // The stack and its worker read these as `rakuten dev` would.
    process.env.PREDICTION_LOG_RETENTION_DAYS = '7';
    process.env.REJECTED_ROWS_RETENTION_DAYS = '14';
    test = await startTestStack({ worker: true });
    env = cleanEnv({
      ...connectionEnv(test.stack.config),
      PREDICTION_LOG_RETENTION_DAYS: '7',
      REJECTED_ROWS_RETENTION_DAYS: '14',
    });
  });
  after(async () => {
    process.env = saved;
    await test?.stop();
  });

  it('is applied with the configured days, listed, and triggered by `rakuten schedules trigger`', async () => {
    const config = test.stack.config;
    const { connection, client } = await connectClient(config.temporal);
    const db = createDb(config.postgres.url, { max: 2 });
    const store = createObjectStore(config.s3, config.deployment);
    try {
      const schedule = await client.schedule.getHandle('retention-daily').describe();
      assert.equal(schedule.action.workflowType, 'applyRetention');
      assert.equal(schedule.action.taskQueue, PIPELINE_TASK_QUEUE);
      assert.deepEqual(schedule.action.args, [{ predictionLogDays: 7, rejectedRowsDays: 14 }]);
      assert.deepEqual(
        schedule.spec.intervals?.map((i) => i.every),
        [DAY_MS],
      );
      assert.deepEqual(
        deploymentSchedules(config.retention).map((s) => s.id),
        ['ingest-every-15m', 'drift-every-2h', 'retention-daily'],
      );

      const list = await runCli(['schedules', 'list'], env);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /^retention-daily {2}active {2}every 1d {2}overlap SKIP/m);
      assert.match(
        list.stdout,
        /applyRetention: Once a day, deletes rows of prediction_log older than 7 days and of rejected_rows older than 14 days/,
      );

      const { sourceId } = await importSource({ db, store }, { xPath: csvWithRejects() });
      await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
        taskQueue: PIPELINE_TASK_QUEUE,
        workflowId: `ingest-${randomUUID()}`,
        args: [{ batchSize: 5, all: true }],
      });
      assert.equal(await ageRejectedRows(db, 5, 20), 2);
      await logPredictions(db, 50, 8, 5);

      const triggered = await runCli(['schedules', 'trigger', 'retention-daily'], env);
      assert.equal(triggered.code, 0, triggered.stderr);
      const workflowId = /started workflow (\S+)/.exec(triggered.stdout)?.[1] ?? '';
      assert.ok(workflowId.startsWith('retention-scheduled'), triggered.stdout);
      const result = await client.workflow.getHandle<typeof applyRetention>(workflowId).result();
      assert.equal(deletedIn(result, 'prediction_log'), 50);
      assert.equal(deletedIn(result, 'rejected_rows'), 2);
      assert.equal(await countOf(db, 'prediction_log'), 5);
      assert.equal(await countOf(db, 'rejected_rows'), 2);

      const shown = await runCli(['sources', 'show', sourceId], env);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /ok: 10\/10 ingested rows accounted for/);

      const after = await runCli(['schedules', 'list', '--json'], env);
      const statuses = JSON.parse(after.stdout) as {
        id: string;
        lastRun?: { workflowId: string; status: string };
      }[];
      const retention = statuses.find((s) => s.id === 'retention-daily');
      assert.equal(retention?.lastRun?.workflowId, workflowId);
      assert.equal(retention?.lastRun?.status, 'COMPLETED');
    } finally {
      await connection.close();
      await db.destroy();
    }
  });
});
