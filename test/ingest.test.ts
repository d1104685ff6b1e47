import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { createActivities } from '../activities';
import type { Config } from '../core/config/config';
import { planBatches } from '../activities/ingest/batch-ledger';
import { importSource } from '../activities/ingest/import-source';
import { loadRange } from '../activities/ingest/load-range';
import { accountSources } from '../activities/ingest/source-accounting';
import { writeChallengeFiles } from '../synthetic';
import { connectWorker } from '../core/temporal/worker-connection';
import { createPipelineWorker } from '../workers/pipeline-worker';
import { bundlePipelineWorkflows } from '../workers/workflow-bundle';
import type { ingestBatch, resetData } from '../workflows';
import { cleanEnv, runCli } from './helpers/cli';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { realFile } from './helpers/real-data';
import { killWorkerProcess, startWorkerProcess } from './helpers/worker-process';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';

installQuietRuntime();

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-ingest-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('ingestion into PostgreSQL and S3 by Temporal workflows', () => {
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

  async function deployment(): Promise<FreshDeployment> {
    const d = await freshDeployment(base);
    deployments.push(d);
    return d;
  }

  async function withWorker<T>(
    d: FreshDeployment,
    fn: (taskQueue: string, worker: Worker) => Promise<T>,
    limits = { chunkRows: 100, maxFieldBytes: 100_000 },
  ): Promise<T> {
    const taskQueue = `ingest-${randomUUID()}`;
    const worker = await createPipelineWorker({
      connection: workerConnection,
      namespace: base.temporal.namespace,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({
        db: d.db,
        store: d.store,
        ingest: limits,
      }),
    });
    return worker.runUntil(() => fn(taskQueue, worker));
  }

  const ingest = (taskQueue: string, input: Parameters<typeof ingestBatch>[0]) =>
    client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue,
      workflowId: `ingest-test-${randomUUID()}`,
      args: [input],
    });

  const count = async (d: FreshDeployment, table: 'products' | 'rejected_rows') =>
    Number(
      (
        await d.db
          .selectFrom(table)
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports the real X_sample/Y_sample pair and loads exactly 892 labelled products, once', async () => {
    const d = await deployment();
    const imported = await importSource(d, {
      xPath: realFile('X_sample.csv'),
      yPath: realFile('Y_sample.csv'),
    });
    assert.equal(imported.created, true);
    assert.equal(imported.rows, 892);
    assert.equal(imported.format, 'challenge');

    // The same files again: a no-op that says so, from the CLI a user runs.
    const again = await runCli(
      ['import', '--x', realFile('X_sample.csv'), '--y', realFile('Y_sample.csv')],
      cleanEnv(d.env),
    );
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`already imported as ${imported.sourceId}`));

    await withWorker(d, async (taskQueue) => {
      const first = await ingest(taskQueue, { batchSize: 300, all: true });
      assert.equal(first.rows, 892);
      assert.equal(first.inserted, 892);
      assert.equal(first.rejected, 0);
      assert.equal(first.backlog, 892);
      assert.deepEqual(first.batches.length, 3);
      const labelled = await d.db
        .selectFrom('products')
        .select(sql<string>`count(*)`.as('n'))
        .where('prdtypecode', 'is not', null)
        .executeTakeFirstOrThrow();
      assert.equal(Number(labelled.n), 892);

      // Nothing left to plan: a second run loads nothing.
      const second = await ingest(taskQueue, { all: true });
      assert.equal(second.rows, 0);
      assert.equal(await count(d, 'products'), 892);
    });

    // Every committed batch loaded again: all updates, no new row, the backlog unchanged.
    const batches = await d.db.selectFrom('ingest_batches').selectAll().execute();
    let updated = 0;
    for (const b of batches) {
      const counts = await loadRange(
        { db: d.db, store: d.store, limits: { chunkRows: 250, maxFieldBytes: 100_000 } },
        {
          sourceId: b.source_id,
          endRow: b.end_row,
          batchId: b.id,
          ledger: false,
        },
        b.start_row,
        () => undefined,
      );
      assert.equal(counts.inserted, 0);
      updated += counts.updated;
    }
    assert.equal(updated, 892);
    assert.equal(await count(d, 'products'), 892);
    const [account] = await accountSources(d.db);
    assert.equal(account!.ok, true);
    assert.equal(account!.accounted, 892);

    const shown = await runCli(['sources', 'show'], cleanEnv(d.env));
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /ok: 892\/892 ingested rows accounted for/);
  });

  it('accounts for every row of a broken file: loaded, or rejected with its line and reason', async () => {
    const d = await deployment();
    const long = 'x'.repeat(2_500);
    const lines = [
      Buffer.from('designation,description,prdtypecode\n'),
      Buffer.from('Cahier à spirale A5,,2522\n'), // row 0: fine
      Buffer.from(',une description sans titre,2522\n'), // 1: empty designation
      Buffer.from('Figurine dragon,,9999\n'), // 2: unknown code
      Buffer.from(`Lampe de chevet,${long},2060\n`), // 3: over the field limit (2,000 bytes here)
      Buffer.concat([
        Buffer.from('Chaise '),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(' bois,,1560\n'),
      ]), // 4: not UTF-8
      Buffer.from('Trop,de,champs,ici\n'), // 5: wrong field count
      Buffer.from('"Titre ""cité"" correctement",description,2403\n'), // 6: fine
      Buffer.from('Jeu de société,"sur\ndeux lignes",1281\n'), // 7: fine, spans two lines
      Buffer.from('"Guillemet jamais fermé,desc,10\n'), // 8: quote never closed
      Buffer.from('Stylo\0bille,,2522\n'), // 9: a NUL byte, which PostgreSQL text cannot hold
    ];
    const file = path.join(scratch, 'broken.csv');
    fs.writeFileSync(file, Buffer.concat(lines));
    const imported = await importSource(d, { xPath: file });
    assert.equal(imported.rows, 10);
    assert.equal(imported.format, 'labelled');

    await withWorker(
      d,
      async (taskQueue) => {
        const result = await ingest(taskQueue, { batchSize: 4, all: true });
        assert.equal(result.rows, 10);
        assert.equal(result.inserted, 3);
        assert.equal(result.rejected, 7);
      },
      { chunkRows: 3, maxFieldBytes: 2_000 },
    );
    const rejected = await d.db
      .selectFrom('rejected_rows')
      .selectAll()
      .orderBy('row_number')
      .execute();
    const reasons = Object.fromEntries(rejected.map((r) => [r.row_number, r.reason]));
    assert.deepEqual(Object.keys(reasons).map(Number), [1, 2, 3, 4, 5, 8, 9]);
    assert.match(reasons[1]!, /designation is empty/);
    assert.match(reasons[2]!, /unknown prdtypecode "9999"/);
    assert.match(reasons[3]!, /description is 2500 bytes, over the limit of 2000/);
    assert.match(reasons[4]!, /designation is not valid UTF-8/);
    assert.match(reasons[5]!, /expected 3 fields, found 4/);
    assert.match(reasons[8]!, /quote opened on this line is never closed/);
    assert.match(reasons[9]!, /designation contains a NUL byte/);
    const nul = rejected.find((r) => r.row_number === 9)!;
    assert.equal(nul.line, 12, 'reading resumes after the line with the unclosed quote');
    assert.deepEqual(nul.raw_bytes, lines[10]);
    const notUtf8 = rejected.find((r) => r.row_number === 4)!;
    assert.deepEqual(notUtf8.raw_bytes, lines[5]);
    assert.equal(notUtf8.line, 6);
    assert.equal(rejected.find((r) => r.row_number === 2)!.raw_text, 'Figurine dragon,,9999\n');
    const products = await d.db.selectFrom('products').selectAll().orderBy('row_number').execute();
    assert.deepEqual(
      products.map((p) => [p.row_number, p.line, p.designation, p.prdtypecode]),
      [
        [0, 2, 'Cahier à spirale A5', 2522],
        [6, 8, 'Titre "cité" correctement', 2403],
        [7, 9, 'Jeu de société', 1281],
      ],
    );
    assert.equal(products[2]!.description, 'sur\ndeux lignes');
    const [account] = await accountSources(d.db);
    assert.equal(account!.ok, true);
    assert.equal(account!.loaded + account!.rejected, 10);
  });

  it('stores images in the images bucket, linked to their products', async () => {
    const d = await deployment();
    const x = path.join(scratch, 'X_images.csv');
    fs.writeFileSync(
      x,
      ',designation,description,productid,imageid\n0,Poupée de chiffon,,111,222\n1,Ballon de plage,,333,444\n',
    );
    const images = path.join(scratch, 'images');
    fs.mkdirSync(path.join(images, 'image_train'), { recursive: true });
    fs.writeFileSync(path.join(images, 'image_train', 'image_222_product_111.jpg'), 'jpeg one');
    fs.writeFileSync(path.join(images, 'notes.txt'), 'not an image');
    const imported = await importSource(d, { xPath: x, imagesPath: images });
    assert.equal(imported.imagesAdded, 1);
    assert.equal(imported.imagesSkipped, 1);
    assert.equal(imported.labelled, false);
    await withWorker(d, async (taskQueue) => {
      const result = await ingest(taskQueue, { batchSize: 10 });
      assert.equal(result.inserted, 2);
      assert.equal(result.images, 1);
      assert.equal(result.backlog, 0, 'unlabelled products are not a retraining backlog');
    });
    const products = await d.db.selectFrom('products').selectAll().orderBy('row_number').execute();
    assert.ok(products[0]!.image_key);
    assert.equal(products[1]!.image_key, null);
    const stored = await d.store.client.statObject(d.store.buckets.images, products[0]!.image_key);
    assert.equal(stored.size, 'jpeg one'.length);

    await withWorker(d, async (taskQueue) => {
      const reset = await client.workflow.execute<typeof resetData>('resetData', {
        taskQueue,
        workflowId: `reset-test-${randomUUID()}`,
        args: [{ confirm: true }],
      });
      assert.deepEqual(reset.deleted, { products: 2, rejectedRows: 0, batches: 1, images: 1 });
    });
    await assert.rejects(d.store.client.statObject(d.store.buckets.images, products[0]!.image_key));
    assert.equal((await d.db.selectFrom('sources').selectAll().execute()).length, 1);
  });

  it('resets the data, keeping sources, and reloads a stratified sample; refuses without --yes', async () => {
    const refused = await runCli(['reset'], cleanEnv({}));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /run it again with --yes/);

    const d = await deployment();
    await importSource(d, { xPath: realFile('X_sample.csv'), yPath: realFile('Y_sample.csv') });
    await withWorker(d, async (taskQueue) => {
      await ingest(taskQueue, { batchSize: 500 });
      await assert.rejects(
        client.workflow.execute<typeof resetData>('resetData', {
          taskQueue,
          workflowId: `reset-test-${randomUUID()}`,
          args: [{ confirm: false }],
        }),
        (error: unknown) =>
          error instanceof WorkflowFailedError &&
          /confirm: true/.test(String(error.cause?.message)),
      );
      assert.equal(await count(d, 'products'), 500);
      const reset = await client.workflow.execute<typeof resetData>('resetData', {
        taskQueue,
        workflowId: `reset-test-${randomUUID()}`,
        args: [{ confirm: true, sample: 100, seed: 7 }],
      });
      assert.equal(reset.deleted.products, 500);
      assert.equal(reset.sample!.rows, 100);
    });
    assert.equal(await count(d, 'products'), 100);
    const classes = await d.db.selectFrom('products').select('prdtypecode').distinct().execute();
    assert.ok(classes.length >= 20, `${classes.length} classes in the sample`);
    assert.equal((await d.db.selectFrom('ingest_batches').selectAll().execute()).length, 0);
    assert.equal((await d.db.selectFrom('sources').selectAll().execute()).length, 1);
    const backlog = await d.db.selectFrom('retrain_backlog').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(backlog.new_labelled_rows), 0);
  });

  it("matches labels by index when the Y file is not in the X file's order", async () => {
    const d = await deployment();
    const x = path.join(scratch, 'X_order.csv');
    const y = path.join(scratch, 'Y_order.csv');
    fs.writeFileSync(
      x,
      ',designation,description,productid,imageid\n7,Roman policier,,1,2\n8,Piscine gonflable,,3,4\n9,Manette de jeu,,5,6\n',
    );
    fs.writeFileSync(y, ',prdtypecode\n9,40\n7,10\n8,2583\n');
    await importSource(d, { xPath: x, yPath: y });
    // One-row chunks: each chunk's Y range holds another index, so the lookup by index runs.
    await withWorker(
      d,
      async (taskQueue) => {
        const result = await ingest(taskQueue, { batchSize: 10 });
        assert.equal(result.inserted, 3);
      },
      { chunkRows: 1, maxFieldBytes: 100_000 },
    );
    const products = await d.db
      .selectFrom('products')
      .select(['row_index', 'prdtypecode'])
      .orderBy('row_number')
      .execute();
    assert.deepEqual(
      products.map((p) => [p.row_index, p.prdtypecode]),
      [
        ['7', 10],
        ['8', 2583],
        ['9', 40],
      ],
    );
  });

  it("takes over a dead run's planned batches, and leaves a live run's alone", async () => {
    const d = await deployment();
    await importSource(d, { xPath: realFile('X_sample.csv'), yPath: realFile('Y_sample.csv') });
    const [dead] = await planBatches(d.db, 'dead-run', 100);
    assert.deepEqual([dead!.startRow, dead!.endRow], [0, 100]);
    // Asked again, a run gets back what it planned. Then it dies: nothing touches the batch.
    assert.deepEqual(await planBatches(d.db, 'dead-run', 100), [dead]);
    await d.db
      .updateTable('ingest_batches')
      .set({ touched_at: sql<Date>`now() - interval '10 minutes'` })
      .where('id', '=', dead!.id)
      .execute();
    const live = await planBatches(d.db, 'live-run', 100);
    assert.deepEqual(live, [dead], 'the stale batch is taken over');
    const other = await planBatches(d.db, 'other-run', 100);
    assert.deepEqual(
      other.map((b) => [b.startRow, b.endRow]),
      [[100, 200]],
      'a live run keeps its batch; the next rows are planned instead',
    );
  });

  it('a worker killed mid-batch and restarted ends with the exact count and no duplicates', async () => {
    const d = await deployment();
    const files = await writeChallengeFiles({ rows: 20_000, seed: 5, outDir: scratch });
    await importSource(d, { xPath: files.xPath, yPath: files.yPath });
    const taskQueue = `ingest-crash-${randomUUID()}`;
    const env = cleanEnv({ ...d.env, INGEST_CHUNK_ROWS: '200' });
    const startWorker = () => startWorkerProcess('ingest-worker-main.ts', taskQueue, env);
    const kill = killWorkerProcess;

    const first = await startWorker();
    const handle = await client.workflow.start<typeof ingestBatch>('ingestBatch', {
      taskQueue,
      workflowId: `ingest-crash-${randomUUID()}`,
      args: [{ batchSize: 20_000 }],
    });
    // Kill it once some chunks of the first batch are committed, and before it finishes.
    let killedAt = -1;
    for (let i = 0; i < 600 && killedAt < 0; i++) {
      const batch = await d.db
        .selectFrom('ingest_batches')
        .select(['committed_row', 'start_row', 'end_row'])
        .orderBy('start_row')
        .executeTakeFirst();
      if (batch && batch.committed_row > batch.start_row && batch.committed_row < batch.end_row) {
        await kill(first);
        killedAt = batch.committed_row;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(killedAt > 0, 'the worker was killed in the middle of a batch');
    const second = await startWorker();
    try {
      const result = await handle.result();
      assert.equal(result.rows, 20_000);
      assert.equal(result.inserted + result.rejected, 20_000);
    } finally {
      await kill(second);
    }
    const products = await count(d, 'products');
    const rejected = await count(d, 'rejected_rows');
    assert.equal(products + rejected, 20_000);
    const ledger = await d.db
      .selectFrom('ingest_batches')
      .select([
        sql<string>`sum(inserted)`.as('inserted'),
        sql<string>`sum(rejected)`.as('rejected'),
        sql<string>`sum(updated)`.as('updated'),
      ])
      .executeTakeFirstOrThrow();
    assert.equal(Number(ledger.inserted), products, 'no chunk counted twice');
    assert.equal(Number(ledger.rejected), rejected);
    assert.equal(Number(ledger.updated), 0);
    const [account] = await accountSources(d.db);
    assert.equal(account!.ok, true);
    const backlog = await d.db.selectFrom('retrain_backlog').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(backlog.new_labelled_rows), products);
  });
});
