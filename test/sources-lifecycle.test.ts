import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { takeSnapshot } from '../activities/datasets/snapshot';
import { importSource } from '../activities/ingest/import-source';
import { accountSources } from '../activities/ingest/source-accounting';
import { deleteSource } from '../activities/sources/delete-source';
import { sourceEvents } from '../activities/sources/source-events';
import { reactivateSource, retireSource } from '../activities/sources/source-state';
import { createToken } from '../core/auth/tokens';
import { writeChallengeFiles } from '../synthetic';
import type { ingestBatch } from '../workflows';
import { cleanEnv, runCli } from './helpers/cli';
import { startInProcessApi } from './helpers/in-process-api';
import type { InProcessApi } from './helpers/in-process-api';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { tinyJpeg, tinyPng } from './helpers/tiny-images';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-sources-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const SAMPLE_ROWS = 892;
const who = { actor: 'cli:tester', reason: 'test' };

describe('the life cycle of a source: retire, reactivate, delete', () => {
  let d: TrainingDeployment;
  /** The real X_sample/Y_sample, imported and ingested by the deployment. */
  let sampleId: string;

  before(async () => {
    d = await trainingDeployment(await sharedStackConfig(), { trainingWorker: false });
    sampleId = (await accountSources(d.db))[0]!.id;
  });
  after(async () => {
    await d?.stop();
  });

  const ingestAll = () =>
    d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: d.taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
  const snapshot = () => takeSnapshot(d, new Date());
  const account = async (id: string) => (await accountSources(d.db, id))[0];
  const count = async (table: 'products' | 'rejected_rows' | 'source_labels', id: string) =>
    Number(
      (
        await d.db
          .selectFrom(table)
          .select(sql<string>`count(*)`.as('n'))
          .where('source_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const exists = async (bucket: string, key: string) =>
    d.store.client.statObject(bucket, key).then(
      () => true,
      () => false,
    );

  it('leaves a retired source out of the next snapshot, and reactivating brings it back', async () => {
    const files = await writeChallengeFiles({
      rows: 300,
      seed: 7,
      outDir: path.join(scratch, 'synthetic'),
    });
    const extra = await importSource(d, { xPath: files.xPath, yPath: files.yPath });
    await ingestAll();
    assert.equal((await account(extra.sourceId))!.loaded, 300);
    assert.equal((await account(extra.sourceId))!.state, 'active');

    const both = await snapshot();
    assert.equal(both.rows, SAMPLE_ROWS + 300);

    const retired = await retireSource(d.db, { sourceId: extra.sourceId, ...who });
    assert.deepEqual(retired, { sourceId: extra.sourceId, state: 'retired', changed: true });
    const without = await snapshot();
    assert.equal(without.rows, SAMPLE_ROWS, 'only the real sample');
    assert.notEqual(without.version, both.version);
    // Its rows stay, and `sources show` says why they are not in the snapshot.
    const shown = (await account(extra.sourceId))!;
    assert.equal(shown.state, 'retired');
    assert.equal(shown.loaded, 300);

    const again = await retireSource(d.db, { sourceId: extra.sourceId, ...who });
    assert.equal(again.changed, false, 'retiring twice changes nothing');

    await reactivateSource(d.db, { sourceId: extra.sourceId, ...who, reason: 'back' });
    const back = await snapshot();
    assert.equal(back.version, both.version, 'the same rows, the same version');

    const events = await sourceEvents(d.db, extra.sourceId);
    assert.deepEqual(
      events.map((e) => [e.kind, e.actor, e.reason]),
      [
        ['imported', 'workflow', 'imported X_synthetic.csv with Y_synthetic.csv'],
        ['retired', 'cli:tester', 'test'],
        ['reactivated', 'cli:tester', 'back'],
      ],
    );
    await assert.rejects(
      retireSource(d.db, { sourceId: extra.sourceId, ...who, reason: '   ' }),
      /reason: must say why/,
    );
    await assert.rejects(
      retireSource(d.db, { sourceId: 'src-000000000000', ...who }),
      /there is no source src-000000000000/,
    );
    await assert.rejects(
      d.db.deleteFrom('source_events').where('source_id', '=', extra.sourceId).execute(),
      /append-only/,
    );
  });

  it('does not ingest a retired source until it is reactivated', async () => {
    const x = path.join(scratch, 'X_later.csv');
    fs.writeFileSync(
      x,
      'designation,description,prdtypecode\nPoupée de chiffon,,1280\nRoman policier,,2705\n',
    );
    const later = await importSource(d, { xPath: x });
    await retireSource(d.db, { sourceId: later.sourceId, ...who });
    const skipped = await ingestAll();
    assert.equal(skipped.rows, 0);
    assert.equal((await account(later.sourceId))!.pending, 2);
    await reactivateSource(d.db, { sourceId: later.sourceId, ...who });
    const loaded = await ingestAll();
    assert.equal(loaded.inserted, 2);
    assert.equal((await account(later.sourceId))!.loaded, 2);
  });

  it('deletes a source with its products and the images only it refers to, keeps its events, and imports it afresh', async () => {
    // Two sources sharing one image file (content-addressed: one object), one image of its own.
    const shared = tinyJpeg();
    const own = tinyPng(3, 3);
    const write = (name: string, x: string, y: string, images: Record<string, Buffer>) => {
      const dir = path.join(scratch, name);
      fs.mkdirSync(path.join(dir, 'images'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'X.csv'), x);
      fs.writeFileSync(path.join(dir, 'Y.csv'), y);
      for (const [file, bytes] of Object.entries(images))
        fs.writeFileSync(path.join(dir, 'images', file), bytes);
      return {
        xPath: path.join(dir, 'X.csv'),
        yPath: path.join(dir, 'Y.csv'),
        imagesPath: path.join(dir, 'images'),
      };
    };
    const doomed = write(
      'doomed',
      ',designation,description,productid,imageid\n0,Poupée de chiffon,,111,222\n1,Ballon de plage,,333,444\n2,Livre,,555,666\n',
      ',prdtypecode\n0,1280\n1,1280\n2,9999\n',
      { 'image_222_product_111.jpg': shared, 'image_444_product_333.png': own },
    );
    const kept = write(
      'kept',
      ',designation,description,productid,imageid\n0,Ours en peluche,,777,888\n',
      ',prdtypecode\n0,1280\n',
      { 'image_888_product_777.jpg': shared },
    );
    const first = await importSource(d, doomed);
    assert.equal(first.created, true);
    assert.equal(first.imagesAdded, 2);
    const other = await importSource(d, kept);
    await ingestAll();
    const before = (await account(first.sourceId))!;
    assert.equal(before.loaded, 2);
    assert.equal(before.rejected, 1, 'an unknown code');
    const keys = await d.db
      .selectFrom('products')
      .select('image_key')
      .where('source_id', '=', first.sourceId)
      .orderBy('row_number')
      .execute();
    const [sharedKey, ownKey] = keys.map((k) => k.image_key!);
    assert.ok(sharedKey && ownKey && sharedKey !== ownKey);
    const rawKeys = (
      await d.db
        .selectFrom('source_images')
        .select('raw_key')
        .where('source_id', '=', first.sourceId)
        .execute()
    ).map((r) => r.raw_key);
    const ownRaw = rawKeys.find((k) => k.endsWith('.png'))!;
    const sharedRaw = rawKeys.find((k) => k.endsWith('.jpg'))!;

    const deleted = await deleteSource(d, {
      sourceId: first.sourceId,
      actor: 'api:ops',
      reason: 'wrong files',
    });
    assert.deepEqual(
      { ...deleted, objects: deleted.objects },
      {
        sourceId: first.sourceId,
        products: 2,
        rejectedRows: 1,
        batches: 1,
        labels: 3,
        images: 2,
        // The PNG in both buckets; X.csv and Y.csv in the raw bucket.
        objects: { images: 1, raw: 3 },
      },
    );
    assert.equal(await account(first.sourceId), undefined);
    assert.equal(await count('products', first.sourceId), 0);
    assert.equal(await count('rejected_rows', first.sourceId), 0);
    assert.equal(await count('source_labels', first.sourceId), 0);
    assert.equal(await exists(d.store.buckets.images, ownKey), false);
    assert.equal(await exists(d.store.buckets.raw, ownRaw), false);
    assert.equal(await exists(d.store.buckets.images, sharedKey), true, 'the other source uses it');
    assert.equal(await exists(d.store.buckets.raw, sharedRaw), true);
    assert.equal((await account(other.sourceId))!.loaded, 1);

    const events = await sourceEvents(d.db, first.sourceId);
    assert.deepEqual(
      events.map((e) => [e.kind, e.actor, e.source_name]),
      [
        ['imported', 'workflow', 'X.csv'],
        ['deleted', 'api:ops', 'X.csv'],
      ],
    );
    assert.equal(events[1]!.reason, 'wrong files');
    assert.deepEqual(events[1]!.details, {
      products: 2,
      rejectedRows: 1,
      batches: 1,
      labels: 3,
      images: 2,
      state: 'active',
      isDemo: false,
    });

    // The same files again: a first import, not "already imported".
    const again = await importSource(d, doomed);
    assert.equal(again.sourceId, first.sourceId);
    assert.equal(again.created, true);
    assert.equal(again.imagesAdded, 2);
    const reloaded = await ingestAll();
    assert.equal(reloaded.inserted, 2);
    assert.equal(reloaded.rejected, 1);
    assert.equal(reloaded.images, 2);
    assert.equal(await exists(d.store.buckets.images, ownKey), true);
    assert.deepEqual(
      (await sourceEvents(d.db, first.sourceId)).map((e) => e.kind),
      ['imported', 'deleted', 'imported'],
    );
  });

  it('refuses to delete a source while a live ingestion loads it, not one a dead run left', async () => {
    const x = path.join(scratch, 'X_busy.csv');
    fs.writeFileSync(x, 'designation,prdtypecode\nVélo,1280\n');
    const busy = await importSource(d, { xPath: x });
    await d.db
      .insertInto('ingest_batches')
      .values({
        id: `${busy.sourceId}:0`,
        source_id: busy.sourceId,
        start_row: 0,
        end_row: 1,
        committed_row: 0,
        status: 'planned',
        workflow_id: 'ingest-elsewhere',
      })
      .execute();
    await assert.rejects(
      deleteSource(d, { sourceId: busy.sourceId, ...who }),
      /is being ingested \(batch .*\): retire it/,
    );
    assert.ok(await account(busy.sourceId), 'nothing was deleted');
    // The run that planned it died long ago: its batch goes with the source.
    await d.db
      .updateTable('ingest_batches')
      .set({ planned_at: new Date(Date.now() - 3_600_000) })
      .where('source_id', '=', busy.sourceId)
      .execute();
    const deleted = await deleteSource(d, { sourceId: busy.sourceId, ...who });
    assert.equal(deleted.batches, 1);
  });

  it('retires, reactivates and deletes from the CLI, refusing a delete without --yes', async () => {
    const env = cleanEnv(d.env);
    const x = path.join(scratch, 'X_cli.csv');
    fs.writeFileSync(x, 'designation,prdtypecode\nTente de camping,2583\n');
    const imported = await runCli(['import', '--x', x, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    const id = (JSON.parse(imported.stdout) as { sourceId: string }).sourceId;
    const [importedEvent] = await sourceEvents(d.db, id);
    assert.match(importedEvent!.actor, /^cli:/);

    const refused = await runCli(['sources', 'delete', id], env);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr, /run it again with --yes/);
    assert.ok(await account(id), 'still there');

    const noReason = await runCli(['sources', 'retire', id], env);
    assert.notEqual(noReason.code, 0);
    assert.match(noReason.stderr, /--reason/);
    const blank = await runCli(['sources', 'retire', id, '--reason', ' '], env);
    assert.equal(blank.code, 1);
    assert.match(blank.stderr, /reason: must say why/);
    const unknown = await runCli(['sources', 'retire', 'src-000000000000', '--reason', 'x'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^rakuten: there is no source src-000000000000\n$/);

    const retired = await runCli(['sources', 'retire', id, '--reason', 'stale catalogue'], env);
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, /retired/);
    const shown = await runCli(['sources', 'show', id, '--json'], env);
    assert.equal((JSON.parse(shown.stdout) as { state: string }[])[0]!.state, 'retired');
    const table = await runCli(['sources', 'show'], env);
    assert.match(table.stdout, /\bstate\b/);
    assert.match(table.stdout, new RegExp(`${id} .*retired`));

    const back = await runCli(['sources', 'reactivate', id, '--reason', 'needed after all'], env);
    assert.equal(back.code, 0, back.stderr);
    const gone = await runCli(['sources', 'delete', id, '--yes', '--reason', 'test data'], env);
    assert.equal(gone.code, 0, gone.stderr);
    assert.match(gone.stdout, /deleted/);
    assert.equal(await account(id), undefined);
    const events = await sourceEvents(d.db, id);
    assert.deepEqual(
      events.map((e) => [e.kind, e.reason]),
      [
        ['imported', 'imported X_cli.csv'],
        ['retired', 'stale catalogue'],
        ['reactivated', 'needed after all'],
        ['deleted', 'test data'],
      ],
    );
    assert.ok(events.every((e) => e.actor === importedEvent!.actor));
  });

  describe('through the API', () => {
    let api: InProcessApi;
    let base: string;

    before(async () => {
      api = await startInProcessApi(
        { ...d, config: { ...d.config, api: { ...d.config.api, predictRequireToken: false } } },
        { inferenceThreads: 1 },
      );
      base = api.base;
    });
    after(async () => {
      await api?.stop();
    });

    const send = async (
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      body?: unknown,
      token?: string,
    ) => {
      const res = await fetch(base + url, {
        method,
        headers: {
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    it('lists the sources and their states to anyone', async () => {
      await retireSource(d.db, { sourceId: sampleId, ...who });
      const { status, body } = await send('GET', '/sources');
      assert.equal(status, 200);
      const list = body as unknown as { id: string; state: string; is_demo: boolean }[];
      const sample = list.find((s) => s.id === sampleId)!;
      assert.deepEqual(
        { ...sample },
        {
          id: sampleId,
          name: 'X_sample.csv',
          state: 'retired',
          is_demo: false,
          labelled: true,
          rows: SAMPLE_ROWS,
          loaded: SAMPLE_ROWS,
          rejected: 0,
          pending: 0,
          images: 0,
        },
      );
      assert.ok(list.every((s) => s.state === 'active' || s.id === sampleId));
      await reactivateSource(d.db, { sourceId: sampleId, ...who });
    });

    it('changes a source only for a token of scope operate, recorded as api:<name>', async () => {
      const x = path.join(scratch, 'X_api.csv');
      fs.writeFileSync(x, 'designation,prdtypecode\nLampe de bureau,2060\n');
      const { sourceId } = await importSource(d, { xPath: x });
      const predict = (await createToken(d.db, 'sources-predict', { scope: 'predict' })).token;
      const operate = (await createToken(d.db, 'sources-ops', { scope: 'operate' })).token;
      const reason = { reason: 'through the API' };
      for (const [method, url, body] of [
        ['POST', `/sources/${sourceId}/retire`, reason],
        ['POST', `/sources/${sourceId}/reactivate`, reason],
        ['DELETE', `/sources/${sourceId}`, { ...reason, confirm: true }],
      ] as const) {
        const anonymous = await send(method, url, body);
        assert.equal(anonymous.status, 401, `${method} ${url}`);
        assert.match(String((anonymous.body.error as { message: string }).message), /bearer/);
        const low = await send(method, url, body, predict);
        assert.equal(low.status, 403, `${method} ${url}`);
        assert.match(
          String((low.body.error as { message: string }).message),
          /needs a token of scope operate or admin/,
        );
      }
      assert.equal((await account(sourceId))!.state, 'active', 'nothing changed');

      const retired = await send('POST', `/sources/${sourceId}/retire`, reason, operate);
      assert.deepEqual(retired, {
        status: 200,
        body: { id: sourceId, state: 'retired', changed: true },
      });
      const reactivated = await send('POST', `/sources/${sourceId}/reactivate`, reason, operate);
      assert.deepEqual(reactivated.body, { id: sourceId, state: 'active', changed: true });
      assert.equal(
        (await send('POST', '/sources/src-000000000000/retire', reason, operate)).status,
        404,
      );
      assert.equal(
        (await send('POST', `/sources/${sourceId}/retire`, {}, operate)).status,
        400,
        'a reason is required',
      );
      const unconfirmed = await send('DELETE', `/sources/${sourceId}`, reason, operate);
      assert.equal(unconfirmed.status, 400);
      assert.match(String((unconfirmed.body.error as { message: string }).message), /confirm/);
      const deleted = await send(
        'DELETE',
        `/sources/${sourceId}`,
        { ...reason, confirm: true },
        operate,
      );
      assert.equal(deleted.status, 200);
      assert.equal(deleted.body.id, sourceId);
      assert.equal(
        (await send('DELETE', `/sources/${sourceId}`, { ...reason, confirm: true }, operate))
          .status,
        404,
      );
      assert.deepEqual(
        (await sourceEvents(d.db, sourceId)).map((e) => [e.kind, e.actor]),
        [
          ['imported', 'workflow'],
          ['retired', 'api:sources-ops'],
          ['reactivated', 'api:sources-ops'],
          ['deleted', 'api:sources-ops'],
        ],
      );
    });
  });
});
