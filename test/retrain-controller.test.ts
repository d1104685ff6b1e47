import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { sql } from 'kysely';
import { importSource } from '../activities/ingest/import-source';
import { writeChallengeFiles } from '../synthetic';
import type { ingestBatch, retrainController, trainModel } from '../workflows';
import {
  dataIngestedSignal,
  retrainRequestedSignal,
  setThresholdsUpdate,
  statusQuery,
} from '../core/contracts/retrain-controller-messages';
import type { ControllerStatus } from '../core/contracts/retrain-controller';
import { cleanEnv } from './helpers/cli';
import { until } from './helpers/until';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import { killWorkerProcess, startWorkerProcess } from './helpers/worker-process';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

const FIXTURES = path.join(__dirname, 'fixtures', 'histories');
/** Trainings take minutes on two cores. */
const WAIT = { ms: 180_000, every: 250 };
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-controller-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('retrainController: rules, one training at a time, thresholds', () => {
  let d: TrainingDeployment;
  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
  });
  after(async () => {
    await d?.stop();
  });

  /** More labelled rows, as ingestion would bring them; the snapshot changes with them. */
  let batch = 0;
  const moreData = async (rows: number) => {
    const files = await writeChallengeFiles({
      rows,
      seed: 100 + batch,
      outDir: path.join(scratch, String(batch++)),
    });
    await importSource(d, { xPath: files.xPath, yPath: files.yPath });
    await d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: d.taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
  };
  const decisions = async () =>
    d.db.selectFrom('retrain_decisions').selectAll().orderBy('id').execute();
  const versions = async () =>
    Number(
      (
        await d.db
          .selectFrom('model_versions')
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('trains a first model, then on the F1 floor, on the backlog, and once for a burst', async () => {
    const controllerId = `controller-${randomUUID()}`;
    const controller: WorkflowHandle<typeof retrainController> = await d.client.workflow.start<
      typeof retrainController
    >('retrainController', {
      taskQueue: d.taskQueue,
      workflowId: controllerId,
      args: [
        {
          thresholds: { backlogRows: 100_000, f1Floor: 0.1 },
          training: { families: ['cnb'], folds: 2, trainingTaskQueue: d.trainingTaskQueue },
        },
      ],
    });
    const status = () => controller.query(statusQuery);
    let last: ControllerStatus | undefined;
    const settled = async (check: (s: ControllerStatus) => boolean) => {
      try {
        return await until(
          'the controller',
          async () => {
            last = await status();
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

    // No champion: the first model, without a gate.
    const first = await settled((s) => s.lastTraining !== null);
    assert.equal(first.lastTraining!.trigger, 'first_model');
    assert.equal(first.lastTraining!.outcome, 'promoted', first.lastTraining!.reason);
    assert.equal(first.champion!.version, first.lastTraining!.modelVersion);
    assert.equal(first.backlog, 0, 'the training consumed the backlog');

    // Nonsense thresholds are refused by the update's validator and change nothing.
    for (const bad of [
      { f1Floor: 1.5 },
      { f1Floor: -0.1 },
      { backlogRows: -5 },
      { backlogRows: 2.5 },
    ]) {
      await assert.rejects(
        controller.executeUpdate(setThresholdsUpdate, { args: [bad] }),
        WorkflowUpdateFailedError,
      );
    }
    assert.deepEqual((await status()).thresholds, first.thresholds);

    // A champion below a raised floor: retrained at once.
    await moreData(300);
    const floor = await controller.executeUpdate(setThresholdsUpdate, {
      args: [{ f1Floor: 0.99 }],
    });
    assert.equal(floor.f1Floor, 0.99);
    // The retrained champion may be below the floor too: it is then asked again, and that run
    // finds the same data already trained on; the decisions keep both.
    const floorRun = await until(
      'a retrain for the floor',
      async () => (await decisions()).find((m) => m.action === 'done' && m.trigger === 'f1_floor'),
      WAIT,
    );
    assert.match(floorRun.reason, /^(promoted|rejected)/);
    await controller.executeUpdate(setThresholdsUpdate, { args: [{ f1Floor: 0.1 }] });

    // New rows at or over the backlog threshold.
    await moreData(300);
    await controller.signal(dataIngestedSignal, { rows: 300 });
    await controller.executeUpdate(setThresholdsUpdate, { args: [{ backlogRows: 250 }] });
    const afterBacklog = await settled((s) => s.lastTraining?.trigger === 'backlog');
    assert.match(afterBacklog.lastTraining!.outcome, /promoted|rejected/);
    assert.ok(afterBacklog.backlog < 250);

    // A burst of ten requests: one training, one queued behind it, the rest skipped. (The
    // backlog rule is put out of the way, or the burst's new rows would queue one of their own.)
    await controller.executeUpdate(setThresholdsUpdate, { args: [{ backlogRows: 100_000 }] });
    await moreData(300);
    const before = { versions: await versions(), decisions: (await decisions()).length };
    const started = (await status()).trainingsStarted;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        controller.signal(retrainRequestedSignal, { by: 'cli:test', reason: `burst ${i}` }),
      ),
    );
    const burst = await settled(
      (s) => s.requestsReceived === 10 && s.trainingsStarted >= started + 1,
    );
    const made = (await decisions()).slice(before.decisions);
    const count = (action: string) => made.filter((m) => m.action === action).length;
    assert.equal(count('queue'), 1, JSON.stringify(made.map((m) => [m.action, m.reason])));
    assert.equal(count('skip'), 8);
    assert.equal(await versions(), before.versions + 1, 'exactly one new model version');
    assert.equal(burst.trainingsStarted, started + 2, 'the burst plus the one queued');
    assert.equal(burst.lastTraining!.outcome, 'unchanged', 'the queued one had no new data');

    // Every decision is recorded with its reason.
    const all = await decisions();
    assert.ok(all.every((r) => r.reason.length > 0 && r.controller_id === controllerId));
    assert.deepEqual(
      [...new Set(all.filter((r) => r.action === 'train').map((r) => r.trigger))].sort(),
      ['backlog', 'f1_floor', 'first_model', 'request'],
    );

    if (process.env.RECORD_HISTORIES) {
      fs.mkdirSync(FIXTURES, { recursive: true });
      fs.writeFileSync(
        path.join(FIXTURES, 'retrain-controller.json'),
        JSON.stringify({
          workflowId: controllerId,
          history: JSON.parse(historyToJSON(await controller.fetchHistory())) as unknown,
        }),
      );
    }
    await controller.terminate('test over');
  });
});

describe('trainModel survives a training worker killed mid-candidate', () => {
  let d: TrainingDeployment;
  before(async () => {
    d = await trainingDeployment(await sharedStackConfig(), { trainingWorker: false });
  });
  after(async () => {
    await d?.stop();
  });

  it('ends completed with exactly one model version registered', async () => {
    const env = cleanEnv(d.env);
    const startWorker = () =>
      startWorkerProcess('training-worker-main.ts', d.trainingTaskQueue, env);
    const kill = killWorkerProcess;

    const dataset = await d.activities.snapshotDataset({});
    const first = await startWorker();
    const workflowId = `train-crash-${randomUUID()}`;
    const handle = await d.client.workflow.start<typeof trainModel>('trainModel', {
      taskQueue: d.taskQueue,
      workflowId,
      args: [
        {
          datasetVersion: dataset.version,
          families: ['svm', 'logreg'],
          folds: 3,
          heartbeatTimeoutSeconds: 3,
          trainingTaskQueue: d.trainingTaskQueue,
        },
      ],
    });
    await until(
      'a candidate activity to start',
      async () => {
        const description = await handle.describe();
        const started = description.raw.pendingActivities?.some(
          (a) => a.activityType?.name === 'trainCandidate' && Number(a.state) === 2,
        );
        return started ? true : undefined;
      },
      WAIT,
    );
    await kill(first);
    const second = await startWorker();
    try {
      const result = await handle.result();
      assert.ok(result.goldWeightedF1 > 0.3);
      const rows = await d.db
        .selectFrom('model_versions')
        .selectAll()
        .where('workflow_id', '=', workflowId)
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.stage, 'registered');
      const registered = await d.db
        .selectFrom('model_events')
        .select('version')
        .where('kind', '=', 'registered')
        .execute();
      assert.deepEqual(
        registered.map((r) => r.version),
        [result.modelVersion],
      );
      const history = await handle.fetchHistory();
      const timedOut = history.events!.filter((e) => e.activityTaskTimedOutEventAttributes);
      const retried = history.events!.some(
        (e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1,
      );
      assert.ok(retried || timedOut.length > 0, 'the killed attempt was retried');
    } finally {
      await kill(second);
    }
  });
});
