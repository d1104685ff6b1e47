import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WorkflowHandle } from '@temporalio/client';
import { Migrator } from 'kysely';
import { importSource } from '../activities/ingest/import-source';
import { accountSources } from '../activities/ingest/source-accounting';
import { sourceEvents } from '../activities/sources/source-events';
import { reportDemoStepAside } from '../cli/demo-retired';
import { migrateToLatest } from '../core/db/migrate';
import { migrations } from '../core/db/migrations';
import type { ControllerStatus } from '../core/contracts/retrain-controller';
import {
  dataIngestedSignal,
  retrainRequestedSignal,
  statusQuery,
} from '../core/contracts/retrain-controller-messages';
import { writeChallengeFiles } from '../synthetic';
import type { ingestBatch, retrainController } from '../workflows';
import { cleanEnv, runCli } from './helpers/cli';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { realFile } from './helpers/real-data';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';
import { until } from './helpers/until';

installQuietRuntime();

const DEMO_ROWS = 600;
const DEMO_NAME = 'demo catalogue (seed 42)';
/** Trainings take minutes on two cores. */
const WAIT = { ms: 300_000, every: 250 };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-demo-aside-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The demo catalogue as `npm start` imports it: synthetic, flagged demo. */
async function importDemo(d: FreshDeployment, dir: string) {
  const files = await writeChallengeFiles({ rows: DEMO_ROWS, seed: 42, outDir: dir });
  return importSource(d, { xPath: files.xPath, yPath: files.yPath, name: DEMO_NAME, demo: true });
}

describe('the newcomer path: the demo catalogue steps aside when real data comes', () => {
  let d: TrainingDeployment;
  before(async () => {
    d = await trainingDeployment(await sharedStackConfig(), { importSample: false });
  });
  after(async () => {
    await d?.stop();
  });

  /** Everything not loaded yet; the test's controller has an ID of its own, so it is told here. */
  const ingestAll = async (controller: WorkflowHandle) => {
    const done = await d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: d.taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
    await controller.signal(dataIngestedSignal, { rows: done.inserted });
  };
  const decisions = async () =>
    d.db.selectFrom('retrain_decisions').selectAll().orderBy('id').execute();

  it('retires the demo source on the first real import and trains on the real rows at once', async () => {
    const demo = await importDemo(d, path.join(scratch, 'demo'));
    await d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: d.taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
    const controllerId = `controller-${randomUUID()}`;
    const controller: WorkflowHandle<typeof retrainController> = await d.client.workflow.start<
      typeof retrainController
    >('retrainController', {
      taskQueue: d.taskQueue,
      workflowId: controllerId,
      args: [
        {
          // Neither the floor nor the backlog trains here: only the first model and the request.
          thresholds: { backlogRows: 100_000, f1Floor: 0.01 },
          training: { families: ['cnb'], folds: 2, trainingTaskQueue: d.trainingTaskQueue },
        },
      ],
    });
    let last: ControllerStatus | undefined;
    const settled = async (check: (s: ControllerStatus) => boolean) => {
      try {
        return await until(
          'the controller',
          async () => {
            last = await controller.query(statusQuery);
            return !last.running && !last.queued && check(last) ? last : undefined;
          },
          WAIT,
        );
      } catch (error) {
        const made = (await decisions()).map((m) => `${m.action} ${m.trigger}: ${m.reason}`);
        throw new Error(`${String(error)}\n${JSON.stringify(last)}\n${made.join('\n')}`, {
          cause: error,
        });
      }
    };

    // 1. The demo champion: the first model, trained on the demo rows.
    const first = await settled((s) => s.lastTraining !== null);
    assert.equal(first.lastTraining!.trigger, 'first_model');
    assert.equal(first.lastTraining!.outcome, 'promoted', first.lastTraining!.reason);
    const demoChampion = first.lastTraining!.modelVersion!;

    // 2. The real sample, imported as `rakuten import` does it: the demo source retires.
    const real = await importSource(d, {
      xPath: realFile('X_sample.csv'),
      yPath: realFile('Y_sample.csv'),
      actor: 'cli:newcomer',
      keepDemo: false,
    });
    assert.deepEqual(real.demo, {
      retired: [{ sourceId: demo.sourceId, name: DEMO_NAME }],
      kept: [],
    });
    const lines: string[] = [];
    await reportDemoStepAside(real.sourceId, real.demo, {
      actor: 'cli:newcomer',
      askTraining: (by, reason) => controller.signal(retrainRequestedSignal, { by, reason }),
      write: (line) => lines.push(line),
    });
    assert.equal(lines.length, 2, lines.join(''));
    assert.match(lines[0]!, new RegExp(`retired the demo source ${demo.sourceId}`));
    assert.match(lines[0]!, /DEMO_KEEP=true/);
    assert.match(lines[0]!, new RegExp(`rakuten sources reactivate ${demo.sourceId}`));
    assert.match(
      lines[1]!,
      new RegExp(`asked for ${real.sourceId} to be ingested and for a training`),
    );

    const [demoAccount] = await accountSources(d.db, demo.sourceId);
    assert.equal(demoAccount!.state, 'retired');
    assert.equal(demoAccount!.isDemo, true);
    const retiredEvents = (await sourceEvents(d.db, demo.sourceId)).filter(
      (e) => e.kind === 'retired',
    );
    assert.equal(retiredEvents.length, 1);
    assert.equal(retiredEvents[0]!.actor, 'cli:newcomer');
    assert.match(
      retiredEvents[0]!.reason,
      /^demo data retired: real labelled data imported \(X_sample\.csv\)$/,
    );

    // The request came before the real rows were ingested: it waits for them, not for a backlog.
    await until(
      'the request to wait for data',
      async () =>
        (await decisions()).find(
          (m) => m.action === 'failed' && /waits for new data/.test(m.reason),
        ),
      WAIT,
    );
    await ingestAll(controller);
    const retrained = await settled(
      (s) => s.lastTraining !== null && s.lastTraining.modelVersion !== demoChampion,
    );
    const trainDecision = (await decisions()).find(
      (m) => m.action === 'train' && m.trigger === 'request',
    );
    assert.ok(trainDecision, 'the controller decided to train on the request');
    assert.equal(trainDecision.reason, 'demo data retired');
    assert.ok(retrained.backlog < 100_000, 'not the backlog threshold');
    assert.equal(retrained.lastTraining!.trigger, 'request');
    const newVersion = retrained.lastTraining!.modelVersion;
    assert.ok(newVersion, retrained.lastTraining!.reason);

    // 3. The new model's dataset: the sample's rows, none of the demo's.
    const [realAccount] = await accountSources(d.db, real.sourceId);
    assert.equal(realAccount!.ok, true);
    const model = await d.db
      .selectFrom('model_versions')
      .select('dataset_version')
      .where('version', '=', newVersion)
      .executeTakeFirstOrThrow();
    const dataset = await d.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('version', '=', model.dataset_version)
      .executeTakeFirstOrThrow();
    const composition = dataset.composition!;
    assert.deepEqual(
      composition.map((p) => [p.source_id, p.demo, p.rows]),
      [[real.sourceId, false, 892 - realAccount!.rejected]],
    );
    assert.equal(
      composition.filter((p) => p.demo).reduce((n, p) => n + p.rows, 0),
      0,
    );

    // Promoted although its gold set differs from the demo champion's: the gate of point 3
    // replaces a champion trained on a retired source.
    assert.equal(retrained.lastTraining!.outcome, 'promoted', retrained.lastTraining!.reason);
    assert.equal(retrained.champion!.version, newVersion);

    // 4. `models list` marks the old champion as demo, and only it.
    const list = await runCli(['models', 'list', '--json'], cleanEnv(d.env));
    assert.equal(list.code, 0, list.stderr);
    const listed = JSON.parse(list.stdout) as { version: string; demo: boolean }[];
    assert.deepEqual(
      listed.map((m) => [m.version, m.demo]).sort(),
      [
        [demoChampion, true],
        [newVersion, false],
      ].sort(),
    );
  });
});

describe('DEMO_KEEP: the demo catalogue stays', () => {
  let d: FreshDeployment;
  before(async () => {
    d = await freshDeployment(await sharedStackConfig());
  });
  after(async () => {
    await d?.close();
  });

  it('keeps the demo source active when asked to, and only the first real import retires it', async () => {
    const demo = await importDemo(d, path.join(scratch, 'keep'));
    const kept = await importSource(d, {
      xPath: realFile('X_sample.csv'),
      yPath: realFile('Y_sample.csv'),
      actor: 'cli:keeper',
      keepDemo: true,
    });
    assert.deepEqual(kept.demo, {
      retired: [],
      kept: [{ sourceId: demo.sourceId, name: DEMO_NAME }],
    });
    const [account] = await accountSources(d.db, demo.sourceId);
    assert.equal(account!.state, 'active');
    assert.deepEqual(
      (await sourceEvents(d.db, demo.sourceId)).map((e) => e.kind),
      ['imported'],
    );
    const lines: string[] = [];
    let asked = 0;
    await reportDemoStepAside(kept.sourceId, kept.demo, {
      actor: 'cli:keeper',
      askTraining: () => {
        asked++;
        return Promise.resolve();
      },
      write: (line) => lines.push(line),
    });
    assert.deepEqual(lines, [`the demo source ${demo.sourceId} stays active (DEMO_KEEP=true)\n`]);
    assert.equal(asked, 0, 'no training is asked for when nothing changed');

    // A second real source is not the first: the demo source someone kept stays kept.
    const files = await writeChallengeFiles({
      rows: 50,
      seed: 7,
      outDir: path.join(scratch, 'second'),
    });
    const second = await importSource(d, { xPath: files.xPath, yPath: files.yPath });
    assert.deepEqual(second.demo, { retired: [], kept: [] });
    assert.equal((await accountSources(d.db, demo.sourceId))[0]!.state, 'active');
  });

  it('says so in one line when the controller cannot be told, and the import stands', async () => {
    const lines: string[] = [];
    await reportDemoStepAside(
      'src-111111111111',
      { retired: [{ sourceId: 'src-000000000000', name: DEMO_NAME }], kept: [] },
      {
        actor: 'cli:keeper',
        askTraining: () => Promise.reject(new Error('Failed to connect before the deadline')),
        write: (line) => lines.push(line),
      },
    );
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /^the retraining controller was not told \(Failed to connect/);
    assert.match(lines[1]!, /rakuten train --reason "demo data retired"/);
  });

  it('`rakuten import` says what it did with the demo source, and stands without Temporal', async () => {
    const base = await sharedStackConfig();
    // Nothing listens there: the stack is down, as far as the CLI can tell.
    const noStack = { TEMPORAL_ADDRESS: '127.0.0.1:1' };
    const importReal = (e: FreshDeployment, extra: Record<string, string>) =>
      runCli(
        ['import', '--x', realFile('X_sample.csv'), '--y', realFile('Y_sample.csv')],
        cleanEnv({ ...e.env, ...noStack, ...extra }),
      );
    for (const keep of [false, true]) {
      const e = await freshDeployment(base);
      try {
        const demo = await importDemo(e, path.join(scratch, `cli-${keep}`));
        const run = await importReal(e, keep ? { DEMO_KEEP: 'true' } : {});
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^imported src-[0-9a-f]{12}: 892 rows/);
        const [account] = await accountSources(e.db, demo.sourceId);
        if (keep) {
          assert.equal(account!.state, 'active');
          assert.match(run.stderr, new RegExp(`the demo source ${demo.sourceId} stays active`));
          assert.doesNotMatch(run.stderr, /retired the demo source/);
        } else {
          assert.equal(account!.state, 'retired');
          const events = await sourceEvents(e.db, demo.sourceId);
          assert.match(events.at(-1)!.actor, /^cli:/);
          assert.match(run.stderr, new RegExp(`retired the demo source ${demo.sourceId}`));
          assert.match(run.stderr, /DEMO_KEEP=true/);
          assert.match(run.stderr, /the retraining controller was not told \(/);
        }
      } finally {
        await e.close();
      }
    }
  });

  it('flags the demo source of a deployment from before the flag, by the name `npm start` gave it', async () => {
    const e = await freshDeployment(await sharedStackConfig());
    try {
      const demo = await importDemo(e, path.join(scratch, 'migration'));
      const files = await writeChallengeFiles({
        rows: 20,
        seed: 9,
        outDir: path.join(scratch, 'migration-real'),
      });
      const other = await importSource(e, { xPath: files.xPath, yPath: files.yPath });
      const migrator = new Migrator({
        db: e.db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
      });
      // Back to before source states, then forward: the columns come back, filled in.
      const down = await migrator.migrateTo('0010_retention_and_image_rejects');
      assert.equal(down.error, undefined, String(down.error));
      await migrateToLatest(e.db);
      const flags = await e.db
        .selectFrom('sources')
        .select(['id', 'is_demo', 'state'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        flags.map((f) => [f.id, f.is_demo, f.state]).sort(),
        [
          [demo.sourceId, true, 'active'],
          [other.sourceId, false, 'active'],
        ].sort(),
      );
    } finally {
      await e.close();
    }
  });
});
