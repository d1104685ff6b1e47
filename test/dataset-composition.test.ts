import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { importSource } from '../activities/ingest/import-source';
import { readLineage } from '../activities/registry/lineage';
import type { TrainModelInput } from '../core/contracts/train-model';
import { readObject } from '../core/storage/objects';
import type { ModelCard } from '../models/card';
import type { DatasetComposition } from '../models/data/composition';
import { writeChallengeFiles } from '../synthetic';
import type { ingestBatch } from '../workflows';
import { cleanEnv, runCli } from './helpers/cli';
import { realFile } from './helpers/real-data';
import { startInProcessApi } from './helpers/in-process-api';
import type { InProcessApi } from './helpers/in-process-api';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

const DEMO_ROWS = 400;

/** A Y file's labels by class, read straight from the file: what was imported. */
function classCountsOf(yPath: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of fs.readFileSync(yPath, 'utf8').split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const code = line.split(',')[1]!.trim();
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

describe('dataset composition: rows by source and class, on the card, in the CLI and the API', () => {
  let d: TrainingDeployment;
  let dir: string;
  let api: InProcessApi;
  let base: string;
  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-composition-'));
    api = await startInProcessApi(d, { pollSeconds: 1 });
    base = api.base;
  });
  after(async () => {
    await api?.stop();
    await d?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const train = (input: Partial<TrainModelInput> = {}) =>
    d.train({ families: ['cnb'] as TrainModelInput['families'], ...input });
  const cli = (args: string[]) => runCli(args, cleanEnv(d.env));
  const recorded = async (version: string) =>
    (
      await d.db
        .selectFrom('dataset_versions')
        .selectAll()
        .where('version', '=', version)
        .executeTakeFirstOrThrow()
    ).composition;
  const getJson = async (url: string) => {
    const res = await fetch(base + url);
    assert.equal(res.status, 200, url);
    return (await res.json()) as Record<string, unknown>;
  };

  it('records what each source gave, marks the versions trained on demo rows, and shows it', async () => {
    const realId = (await d.db.selectFrom('sources').select('id').executeTakeFirstOrThrow()).id;
    const realClasses = classCountsOf(realFile('Y_sample.csv'));

    // The real sample alone: one source, not demo.
    const real = await train();
    assert.equal(real.promoted, true, real.reason);
    const realModel = await d.db
      .selectFrom('model_versions')
      .selectAll()
      .where('version', '=', real.modelVersion)
      .executeTakeFirstOrThrow();
    const realOnly = await recorded(realModel.dataset_version);
    assert.ok(realOnly);
    assert.equal(realOnly.length, 1);
    assert.equal(realOnly[0]!.source_id, realId);
    assert.equal(realOnly[0]!.demo, false);
    assert.equal(realOnly[0]!.rows, 892);
    assert.deepEqual(realOnly[0]!.per_class, realClasses);

    // The demo catalogue beside it, flagged demo as `rakuten dev` flags it.
    const files = await writeChallengeFiles({ rows: DEMO_ROWS, seed: 42, outDir: dir });
    const demo = await importSource(d, {
      xPath: files.xPath,
      yPath: files.yPath,
      name: 'demo catalogue (seed 42)',
    });
    await d.db
      .updateTable('sources')
      .set({ is_demo: true, state: 'active' })
      .where('id', '=', demo.sourceId)
      .execute();
    await d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: d.taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
    assert.equal(
      (
        await d.db
          .selectFrom('rejected_rows')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
      '0',
      'every imported row is loaded, so the files are what the snapshot holds',
    );

    const mixed = await train();
    const mixedModel = await d.db
      .selectFrom('model_versions')
      .selectAll()
      .where('version', '=', mixed.modelVersion)
      .executeTakeFirstOrThrow();
    const dataset = await d.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('version', '=', mixedModel.dataset_version)
      .executeTakeFirstOrThrow();
    const composition = dataset.composition!;
    const bySource = new Map(composition.map((s) => [s.source_id, s]));
    assert.deepEqual([...bySource.keys()].sort(), [realId, demo.sourceId].sort());
    assert.deepEqual(dataset.source_ids.sort(), [realId, demo.sourceId].sort());
    const realPart = bySource.get(realId)!;
    const demoPart = bySource.get(demo.sourceId)!;
    assert.equal(realPart.demo, false);
    assert.equal(realPart.rows, 892);
    assert.deepEqual(realPart.per_class, realClasses);
    assert.equal(demoPart.demo, true);
    assert.equal(demoPart.name, 'demo catalogue (seed 42)');
    assert.equal(demoPart.rows, DEMO_ROWS);
    assert.deepEqual(demoPart.per_class, classCountsOf(files.yPath));
    // The parts add up to the dataset's own totals, counted in the same pass.
    assert.equal(realPart.rows + demoPart.rows, dataset.rows);
    assert.equal(realPart.gold_rows + demoPart.gold_rows, dataset.gold_rows);
    assert.ok(realPart.gold_rows > 0 && demoPart.gold_rows > 0);
    const summed: Record<string, number> = {};
    for (const part of composition)
      for (const [code, n] of Object.entries(part.per_class))
        summed[code] = (summed[code] ?? 0) + n;
    assert.deepEqual(summed, dataset.class_counts);

    // The card says it too.
    const card = JSON.parse(
      (await readObject(d.store, d.store.buckets.models, mixedModel.artifacts!.card!)).toString(
        'utf8',
      ),
    ) as ModelCard;
    assert.deepEqual(card.composition, composition);
    const report = (
      await readObject(d.store, d.store.buckets.models, mixedModel.artifacts!.report!)
    ).toString('utf8');
    assert.match(report, /Training data by source/);
    assert.match(report, /demo catalogue \(seed 42\)/);

    // `models list` marks the version trained on demo rows, and only it.
    const list = await cli(['models', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const listed = JSON.parse(list.stdout) as { version: string; demo: boolean }[];
    assert.deepEqual(
      listed.map((m) => [m.version, m.demo]),
      [
        [mixed.modelVersion, true],
        [real.modelVersion, false],
      ],
    );
    const table = await cli(['models', 'list']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`${mixed.modelVersion} .* demo `));
    assert.doesNotMatch(table.stdout, new RegExp(`${real.modelVersion} .* demo `));
    assert.match(table.stdout, /demo: trained on rows of the demo catalogue/);

    // `models show` gives the composition.
    const show = await cli(['models', 'show', mixed.modelVersion]);
    assert.equal(show.code, 0, show.stderr);
    const shown = JSON.parse(show.stdout) as {
      trained_on_demo: boolean;
      dataset_composition: DatasetComposition;
    };
    assert.equal(shown.trained_on_demo, true);
    assert.deepEqual(shown.dataset_composition, composition);

    // So does the API, to anyone: GET /models and GET /models/:version.
    const models = (await getJson('/models')) as unknown as {
      version: string;
      trained_on_demo: boolean;
    }[];
    assert.deepEqual(
      models.map((m) => [m.version, m.trained_on_demo]),
      [
        [mixed.modelVersion, true],
        [real.modelVersion, false],
      ],
    );
    const detail = await getJson(`/models/${mixed.modelVersion}`);
    assert.equal(detail.trained_on_demo, true);
    assert.deepEqual(detail.dataset_composition, composition);
    assert.deepEqual((detail.card as { composition: unknown }).composition, composition);
    const realDetail = await getJson(`/models/${real.modelVersion}`);
    assert.equal(realDetail.trained_on_demo, false);
    assert.deepEqual(realDetail.dataset_composition, realOnly);
  });

  it('reads a dataset recorded before compositions by its sources, and fills it in on the next snapshot', async () => {
    const latest = await d.activities.snapshotDataset({});
    const before = await recorded(latest.version);
    await d.db
      .updateTable('dataset_versions')
      .set({ composition: null })
      .where('version', '=', latest.version)
      .execute();
    // Without a composition, a dataset drawing on a demo source still counts as demo.
    const lineage = (await readLineage(d.db, [latest.version])).get(latest.version)!;
    assert.deepEqual(lineage, { composition: null, trainedOnDemo: true });
    const described = await d.activities.describeDataset(latest.version);
    assert.equal(described.composition, null);

    // The same rows again: the same version, whose composition is now recorded.
    const again = await d.activities.snapshotDataset({});
    assert.equal(again.version, latest.version);
    assert.deepEqual(await recorded(latest.version), before);
    assert.deepEqual(again.composition, before);
  });

  it('counts a source flagged demo after the snapshot as demo all the same', async () => {
    const [first] = await d.db
      .selectFrom('dataset_versions')
      .select(['version', 'source_ids'])
      .where(sql<boolean>`cardinality(source_ids) = 1`)
      .execute();
    assert.ok(first, 'the real-only dataset');
    const lineage = async () => (await readLineage(d.db, [first.version])).get(first.version)!;
    assert.equal((await lineage()).trainedOnDemo, false);
    await d.db
      .updateTable('sources')
      .set({ is_demo: true })
      .where('id', '=', first.source_ids[0]!)
      .execute();
    assert.equal((await lineage()).trainedOnDemo, true);
    assert.equal((await lineage()).composition![0]!.demo, false, 'the record keeps what it was');
  });

  it('leaves a retired source out of the composition, its sources and its batches alike', async () => {
    const real = await d.db
      .selectFrom('sources')
      .select('id')
      .where('name', '!=', 'demo catalogue (seed 42)')
      .executeTakeFirstOrThrow();
    await d.db.updateTable('sources').set({ state: 'retired' }).where('id', '=', real.id).execute();
    try {
      // The demo rows alone: a dataset version never seen, recorded now.
      const dataset = await d.activities.snapshotDataset({});
      assert.equal(dataset.rows, DEMO_ROWS);
      assert.deepEqual(
        dataset.composition!.map((s) => [s.name, s.rows, s.demo]),
        [['demo catalogue (seed 42)', DEMO_ROWS, true]],
      );
      const row = await d.db
        .selectFrom('dataset_versions')
        .select(['source_ids', 'batch_ids', 'composition'])
        .where('version', '=', dataset.version)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row.composition, dataset.composition);
      assert.deepEqual(row.source_ids, [dataset.composition![0]!.source_id]);
      const realBatches = await d.db
        .selectFrom('ingest_batches')
        .select('id')
        .where('source_id', '=', real.id)
        .execute();
      assert.ok(realBatches.length > 0);
      for (const batch of realBatches) assert.ok(!row.batch_ids.includes(batch.id), batch.id);
    } finally {
      await d.db
        .updateTable('sources')
        .set({ state: 'active' })
        .where('id', '=', real.id)
        .execute();
    }
  });
});
