import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import yazl from 'yazl';
import { createActivities } from '../activities';
import type { Config } from '../core/config/config';
import { INGEST_DEFAULTS } from '../core/config/config';
import { planBatches } from '../activities/ingest/batch-ledger';
import { importSource } from '../activities/ingest/import-source';
import type { ImportResult } from '../activities/ingest/import-source';
import { loadRange } from '../activities/ingest/load-range';
import { accountSources } from '../activities/ingest/source-accounting';
import type { SourceAccount } from '../activities/ingest/source-accounting';
import { writeChallengeFiles } from '../synthetic';
import { connectWorker } from '../core/temporal/worker-connection';
import { createPipelineWorker } from '../workers/pipeline-worker';
import { bundlePipelineWorkflows } from '../workers/workflow-bundle';
import type { ingestBatch, resetData } from '../workflows';
import { cleanEnv, runCli } from './helpers/cli';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { realFile } from './helpers/real-data';
import { tinyJpeg, tinyPng } from './helpers/tiny-images';
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
    limits: Partial<Config['ingest']> = { chunkRows: 100 },
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
        ingest: { ...INGEST_DEFAULTS, ...limits },
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
    const jpeg = tinyJpeg();
    fs.writeFileSync(path.join(images, 'image_train', 'image_222_product_111.jpg'), jpeg);
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
    assert.equal(stored.size, jpeg.length);

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

  /**
   * What `--images` must refuse, next to one JPEG and one PNG: a link to a file, to /dev/zero
   * and to a folder (as a link to ~/.ssh would be), a named pipe, a file over the limit and a
   * text file named .jpg. Nine products, one image each (the folder's, behind its link, too).
   */
  const IMAGE_LIMIT = 4_096;
  const IMAGE_PAIRS = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ imageid: i, productid: i * 11 }));
  const imageName = (i: number) => `image_${i}_product_${i * 11}`;

  function imageCsv(label: string): string {
    const file = path.join(scratch, `X_${label}.csv`);
    fs.writeFileSync(
      file,
      ',designation,description,productid,imageid\n' +
        IMAGE_PAIRS.map(
          (p, row) => `${row},Produit ${p.productid},,${p.productid},${p.imageid}\n`,
        ).join(''),
    );
    return file;
  }

  /** Text that is not an image, and a JPEG over the limit: its magic bytes do not make it fit. */
  const notAnImage = Buffer.from('this is plain text, not a JPEG\n');
  const oversized = Buffer.concat([tinyJpeg(), Buffer.alloc(IMAGE_LIMIT * 3, 0x20)]);

  function imageFolder(label: string): { folder: string; outside: string } {
    const folder = path.join(scratch, `images-${label}`);
    const dir = path.join(folder, 'image_train');
    const outside = path.join(scratch, `outside-${label}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(dir, `${imageName(1)}.jpg`), tinyJpeg());
    fs.writeFileSync(path.join(dir, `${imageName(2)}.png`), tinyPng());
    fs.writeFileSync(path.join(dir, `${imageName(3)}.jpg`), notAnImage);
    fs.writeFileSync(path.join(dir, `${imageName(4)}.jpg`), oversized);
    fs.symlinkSync(path.join(dir, `${imageName(1)}.jpg`), path.join(dir, `${imageName(5)}.jpg`));
    fs.symlinkSync('/dev/zero', path.join(dir, `${imageName(6)}.jpg`));
    // A real image behind a link to a folder: it must stay out however valid it is.
    fs.writeFileSync(path.join(outside, `${imageName(7)}.jpg`), tinyJpeg());
    fs.symlinkSync(outside, path.join(dir, 'secrets'));
    const fifo = spawnSync('mkfifo', [path.join(dir, `${imageName(8)}.jpg`)]);
    assert.equal(fifo.status, 0, String(fifo.stderr));
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not an image');
    return { folder, outside };
  }

  /** The same as a ZIP, with a link entry to a file and one to a folder, and a name with `..`. */
  async function imageZip(label: string): Promise<string> {
    const zip = new yazl.ZipFile();
    const link = { mode: 0o120777 };
    zip.addEmptyDirectory('image_train/');
    zip.addBuffer(tinyJpeg(), `image_train/${imageName(1)}.jpg`);
    zip.addBuffer(tinyPng(), `image_train/${imageName(2)}.png`);
    zip.addBuffer(notAnImage, `image_train/${imageName(3)}.jpg`);
    zip.addBuffer(oversized, `image_train/${imageName(4)}.jpg`);
    zip.addBuffer(Buffer.from(`${imageName(1)}.jpg`), `image_train/${imageName(5)}.jpg`, link);
    zip.addBuffer(Buffer.from('/root/.ssh'), 'image_train/secrets', link);
    // yazl refuses to write `..`; the name is patched in afterwards, to the same length.
    zip.addBuffer(tinyJpeg(), `xx/${imageName(9)}.jpg`);
    zip.addBuffer(Buffer.from('not an image'), 'notes.txt');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const safe = Buffer.from(`xx/${imageName(9)}.jpg`);
    const escaping = Buffer.from(`../${imageName(9)}.jpg`);
    let patched = 0;
    for (let at = bytes.indexOf(safe); at >= 0; at = bytes.indexOf(safe, at + 1)) {
      escaping.copy(bytes, at);
      patched++;
    }
    assert.equal(patched, 2, 'the name is in the local header and the central directory');
    const file = path.join(scratch, `images-${label}.zip`);
    fs.writeFileSync(file, bytes);
    return file;
  }

  /** Loads every row and checks that only the JPEG and the PNG reached their products. */
  async function ingestAndCheckImages(d: FreshDeployment): Promise<void> {
    await withWorker(d, async (taskQueue) => {
      const result = await ingest(taskQueue, { all: true });
      assert.equal(result.rows, 9);
      assert.equal(result.inserted, 9, 'every CSV row loads, whatever became of its image');
      assert.equal(result.rejected, 0);
      assert.equal(result.images, 2);
    });
    const products = await d.db
      .selectFrom('products')
      .select(['productid', 'image_key'])
      .orderBy('row_number')
      .execute();
    assert.deepEqual(
      products.filter((p) => p.image_key !== null).map((p) => p.productid),
      ['11', '22'],
    );
    const jpegKey = products[0]!.image_key!;
    const pngKey = products[1]!.image_key!;
    assert.match(jpegKey, /^products\/[0-9a-f]{64}\.jpg$/);
    assert.match(pngKey, /^products\/[0-9a-f]{64}\.png$/);
    for (const [key, bytes, type] of [
      [jpegKey, tinyJpeg(), 'image/jpeg'],
      [pngKey, tinyPng(), 'image/png'],
    ] as const) {
      const stat = await d.store.client.statObject(d.store.buckets.images, key);
      assert.equal(stat.size, bytes.length);
      const raw = `images/${key.split('/')[1]}`;
      const rawStat = await d.store.client.statObject(d.store.buckets.raw, raw);
      assert.equal(rawStat.metaData['content-type'], type);
    }
    const rawImages: string[] = [];
    for await (const item of d.store.client.listObjectsV2(d.store.buckets.raw, 'images/', true)) {
      rawImages.push((item as { name: string }).name);
    }
    assert.equal(rawImages.length, 2, `only two images were uploaded: ${rawImages.join(', ')}`);
    const [account] = await accountSources(d.db);
    assert.equal(account!.ok, true);
    assert.equal(account!.images, 2);
  }

  async function rejectsOf(d: FreshDeployment): Promise<Record<string, string>> {
    const rows = await d.db
      .selectFrom('image_rejects')
      .select(['name', 'kind', 'reason'])
      .orderBy('name')
      .execute();
    for (const r of rows) assert.ok(r.reason.length > 0, r.name);
    return Object.fromEntries(rows.map((r) => [r.name, r.kind]));
  }

  it('images from a folder: only regular JPEG and PNG files under the limit, the rest rejected with reasons', async () => {
    const d = await deployment();
    const x = imageCsv('folder');
    const { folder } = imageFolder('folder');
    const env = cleanEnv({ ...d.env, IMAGE_MAX_BYTES: String(IMAGE_LIMIT) });

    const started = performance.now();
    const imported = await runCli(['import', '--x', x, '--images', folder, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.ok(performance.now() - started < 60_000, 'the link to /dev/zero was not read');
    const result = JSON.parse(imported.stdout) as ImportResult;
    assert.equal(result.created, true);
    assert.equal(result.rows, 9);
    assert.equal(result.imagesAdded, 2);
    assert.equal(result.imagesSkipped, 1, 'notes.txt');
    assert.equal(result.imagesRejected, 6);
    assert.deepEqual(result.imageRejectKinds, {
      not_image: 1,
      not_regular: 1,
      symlink: 3,
      too_large: 1,
    });
    const expected = {
      [`image_train/${imageName(3)}.jpg`]: 'not_image',
      [`image_train/${imageName(4)}.jpg`]: 'too_large',
      [`image_train/${imageName(5)}.jpg`]: 'symlink',
      [`image_train/${imageName(6)}.jpg`]: 'symlink',
      [`image_train/${imageName(8)}.jpg`]: 'not_regular',
      'image_train/secrets': 'symlink',
    };
    assert.deepEqual(await rejectsOf(d), expected);
    const reasons = Object.fromEntries(result.imageRejects.map((r) => [r.name, r.reason]));
    assert.match(reasons[`image_train/${imageName(3)}.jpg`]!, /not a JPEG or PNG/);
    assert.match(
      reasons[`image_train/${imageName(4)}.jpg`]!,
      /over IMAGE_MAX_BYTES \(4,096 bytes\)/,
    );
    assert.match(reasons['image_train/secrets']!, /symbolic link: links are not followed/);
    assert.match(reasons[`image_train/${imageName(8)}.jpg`]!, /not a regular file: a named pipe/);
    assert.match(imported.stderr, /rejected image image_train\/secrets: a symbolic link/);

    // The same files again: nothing new, the same rejects (updated, not doubled), said in one line.
    const again = await runCli(['import', '--x', x, '--images', folder], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stdout,
      /; 0 new images, 1 other files skipped, 6 images rejected \(not_image 1, not_regular 1, symlink 3, too_large 1\)$/m,
    );
    assert.deepEqual(await rejectsOf(d), expected);

    const shown = await runCli(['sources', 'show', result.sourceId], env);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /2 \(\+6 rejected\)/);
    assert.match(
      shown.stdout,
      /6 images rejected \(not_image 1, not_regular 1, symlink 3, too_large 1\)/,
    );
    assert.match(shown.stdout, /image_train\/secrets {2}symlink: a symbolic link/);
    const json = await runCli(['sources', 'show', result.sourceId, '--json'], env);
    const [account] = JSON.parse(json.stdout) as (SourceAccount & { imageRejects: unknown[] })[];
    assert.equal(account!.imagesRejected, 6);
    assert.equal(account!.imageRejects.length, 6);

    await ingestAndCheckImages(d);
  });

  it('images from a ZIP: link entries, names escaping the archive, oversized and non-images are rejected', async () => {
    const d = await deployment();
    const imported = await importSource(d, {
      xPath: imageCsv('zip'),
      imagesPath: await imageZip('zip'),
      imageMaxBytes: IMAGE_LIMIT,
    });
    assert.equal(imported.imagesAdded, 2);
    assert.equal(imported.imagesSkipped, 1, 'notes.txt');
    assert.equal(imported.imagesRejected, 5);
    assert.deepEqual(await rejectsOf(d), {
      [`../${imageName(9)}.jpg`]: 'unsafe_name',
      [`image_train/${imageName(3)}.jpg`]: 'not_image',
      [`image_train/${imageName(4)}.jpg`]: 'too_large',
      [`image_train/${imageName(5)}.jpg`]: 'symlink',
      'image_train/secrets': 'symlink',
    });
    await ingestAndCheckImages(d);
  });

  it('refuses an --images location that is neither a folder nor a readable ZIP, before importing', async () => {
    const d = await deployment();
    const x = imageCsv('bad-location');
    const notZip = path.join(scratch, 'broken.zip');
    fs.writeFileSync(notZip, 'PK but not really');
    for (const [location, message] of [
      [path.join(scratch, 'nowhere'), /no such file or folder/],
      [notZip, /not a readable ZIP/],
      [x, /takes a folder or a \.zip file/],
    ] as const) {
      await assert.rejects(importSource(d, { xPath: x, imagesPath: location }), message);
    }
    assert.equal((await d.db.selectFrom('sources').selectAll().execute()).length, 0);
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
