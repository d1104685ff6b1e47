import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { sql } from 'kysely';
import { championOf } from '../activities/registry/champion';
import { withStatus } from '../activities/registry/status';
import type { trainModel } from '../workflows';
import { trainingWorkflowId } from '../core/contracts/train-model';
import type { TrainModelInput } from '../core/contracts/train-model';
import { cleanEnv, runCli } from './helpers/cli';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

/** Saved for the replay test when RECORD_HISTORIES is set. */
const FIXTURES = path.join(__dirname, 'fixtures', 'histories');

describe('trainModel: snapshot, candidates, gold holdout, registry, gate and rollback', () => {
  let d: TrainingDeployment;
  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
  });
  after(async () => {
    await d?.stop();
  });

  const argsOf = (input: Partial<TrainModelInput> & { datasetVersion: string }) => ({
    families: ['svm', 'cnb'] as TrainModelInput['families'],
    folds: 3,
    trainingTaskQueue: d.trainingTaskQueue,
    ...input,
  });
  const train = (input: Partial<TrainModelInput> & { datasetVersion: string }) => {
    const args = argsOf(input);
    return d.client.workflow.execute<typeof trainModel>('trainModel', {
      taskQueue: d.taskQueue,
      workflowId: `${trainingWorkflowId(args)}-${d.config.deployment}`,
      args: [args],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
  };
  const cli = (args: string[]) => runCli(args, cleanEnv(d.env));
  const events = async () =>
    (await d.db.selectFrom('model_events').selectAll().orderBy('id').execute()).map(
      (e) => `${e.kind} ${e.version}`,
    );

  it('registers versions, promotes the better, rejects the worse, rolls back, and logs it all', async () => {
    const dataset = await d.activities.snapshotDataset({});
    assert.equal(dataset.rows, 892);
    assert.ok(dataset.goldRows > 50 && dataset.goldRows < 140, `${dataset.goldRows} gold rows`);
    assert.match(dataset.version, /^[0-9a-f]{64}$/);
    // Unchanged data, the same version: the snapshot is content-addressed.
    assert.equal((await d.activities.snapshotDataset({})).version, dataset.version);
    await d.store.client.statObject(d.store.buckets.datasets, dataset.objectKey);
    const recorded = await d.db
      .selectFrom('dataset_versions')
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.equal(recorded.rows, 892);
    assert.equal(
      Object.values(recorded.class_counts).reduce((a, b) => a + b, 0),
      892,
    );
    assert.ok(recorded.batch_ids.length > 0);

    // A weak first model (5% of the rows) needs no gate.
    const weak = await train({ datasetVersion: dataset.version, trainFraction: 0.05 });
    assert.equal(weak.promoted, true, weak.reason);
    assert.match(weak.reason, /first model/);
    assert.equal((await championOf(d.db))?.version, weak.modelVersion);

    // All the rows: better on the same gold holdout, so promoted.
    const strong = await train({ datasetVersion: dataset.version });
    assert.equal(strong.promoted, true, strong.reason);
    assert.ok(strong.goldWeightedF1 > weak.goldWeightedF1 + 0.1);
    assert.equal(strong.championBefore, weak.modelVersion);
    assert.equal((await championOf(d.db))?.version, strong.modelVersion);

    // 5% again (another seed): worse, so it stays a candidate and the champion stays.
    const worse = await train({ datasetVersion: dataset.version, trainFraction: 0.05, seed: 7 });
    assert.equal(worse.promoted, false);
    assert.match(worse.reason, /below the floor|does not beat/);
    assert.equal((await championOf(d.db))?.version, strong.modelVersion);

    // The same data and spec again is the same run, not a second training.
    await assert.rejects(
      train({ datasetVersion: dataset.version }),
      WorkflowExecutionAlreadyStartedError,
    );

    // Registry rows and artifacts.
    const versions = await d.db
      .selectFrom('model_versions')
      .selectAll()
      .orderBy('version')
      .execute();
    assert.deepEqual(
      versions.map((v) => [v.version, v.stage]),
      [weak, strong, worse].map((r) => [r.modelVersion, 'registered']),
    );
    // What each one is: the first champion replaced, the champion, the one the gate kept out.
    assert.deepEqual(
      (await withStatus(d.db, versions)).map((v) => v.status),
      ['retired', 'champion', 'rejected'],
    );
    const row = versions.find((v) => v.version === strong.modelVersion)!;
    assert.equal(row.dataset_version, dataset.version);
    assert.ok(row.git_commit, 'git commit recorded');
    assert.ok(row.durations!.candidates! > 0);
    assert.equal(row.seed, 42);
    assert.deepEqual(Object.keys(row.artifacts!).sort(), ['card', 'featurizer', 'model', 'report']);
    for (const key of Object.values(row.artifacts!)) {
      await d.store.client.statObject(d.store.buckets.models, key);
    }
    const card = JSON.parse(await readText(d, row.artifacts!.card!)) as {
      holdout: { n: number; weightedF1: number };
    };
    assert.equal(card.holdout.n, dataset.goldRows);
    assert.ok(Math.abs(card.holdout.weightedF1 - strong.goldWeightedF1) < 1e-12);
    const report = await readText(d, row.artifacts!.report!);
    assert.match(report, /<svg/);
    assert.match(report, new RegExp(strong.modelVersion));
    const gate = versions.find((v) => v.version === worse.modelVersion)!.gate!;
    assert.equal(gate.promoted, false);
    assert.equal(gate.champion, strong.modelVersion);

    // The CLI: list, show, and errors that change nothing.
    const list = await cli(['models', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const listed = JSON.parse(list.stdout) as {
      version: string;
      champion: boolean;
      status: string;
    }[];
    assert.deepEqual(
      listed.filter((m) => m.champion).map((m) => m.version),
      [strong.modelVersion],
    );
    assert.deepEqual(
      listed.map((m) => [m.version, m.status]),
      [
        [worse.modelVersion, 'rejected'],
        [strong.modelVersion, 'champion'],
        [weak.modelVersion, 'retired'],
      ],
    );
    const table = await cli(['models', 'list']);
    assert.match(table.stdout, new RegExp(`\\* ${strong.modelVersion} +champion`));
    const show = await cli(['models', 'show', strong.modelVersion]);
    assert.equal(show.code, 0, show.stderr);
    assert.equal((JSON.parse(show.stdout) as { status: string }).status, 'champion');
    assert.match(show.stdout, /registered/);
    const missing = await cli(['models', 'show', 'm-19990101-0001']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /there is no model version m-19990101-0001/);

    // Rollback to the previous champion, then nothing further back.
    const rollback = await cli(['models', 'rollback', '--reason', 'test rollback']);
    assert.equal(rollback.code, 0, rollback.stderr);
    assert.equal((await championOf(d.db))?.version, weak.modelVersion);
    const noMore = await cli(['models', 'rollback', '--reason', 'again']);
    assert.notEqual(noMore.code, 0);
    assert.match(noMore.stderr, /no previous champion/);
    assert.equal((await championOf(d.db))?.version, weak.modelVersion);

    // A version whose files are gone cannot be promoted.
    await d.store.client.removeObject(d.store.buckets.models, `${worse.modelVersion}/model.onnx`);
    const broken = await cli(['models', 'promote', worse.modelVersion, '--reason', 'try']);
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /missing/);
    assert.equal((await championOf(d.db))?.version, weak.modelVersion);
    const manual = await cli(['models', 'promote', strong.modelVersion, '--reason', 'back']);
    assert.equal(manual.code, 0, manual.stderr);
    assert.equal((await championOf(d.db))?.version, strong.modelVersion);

    assert.deepEqual(await events(), [
      `registered ${weak.modelVersion}`,
      `promoted ${weak.modelVersion}`,
      `registered ${strong.modelVersion}`,
      `promoted ${strong.modelVersion}`,
      `registered ${worse.modelVersion}`,
      `rejected ${worse.modelVersion}`,
      `rolled_back ${weak.modelVersion}`,
      `promoted ${strong.modelVersion}`,
    ]);
    const log = await d.db.selectFrom('model_events').selectAll().orderBy('id').execute();
    assert.equal(log[1]!.actor, 'workflow');
    assert.match(log[6]!.actor, /^cli:/);
    assert.equal(log[6]!.reason, 'test rollback');
    assert.equal(log[6]!.previous_version, strong.modelVersion);
    assert.equal(log[3]!.previous_version, weak.modelVersion);

    // The audit log is append-only in the database itself.
    await assert.rejects(
      sql`UPDATE model_events SET reason = 'edited'`.execute(d.db),
      /append-only/,
    );
    await assert.rejects(sql`DELETE FROM model_events`.execute(d.db), /append-only/);
    await assert.rejects(sql`TRUNCATE model_events`.execute(d.db), /append-only/);

    if (process.env.RECORD_HISTORIES) {
      const workflowId = `${trainingWorkflowId(argsOf({ datasetVersion: dataset.version }))}-${d.config.deployment}`;
      const history = await d.client.workflow.getHandle(workflowId).fetchHistory();
      fs.mkdirSync(FIXTURES, { recursive: true });
      fs.writeFileSync(
        path.join(FIXTURES, 'train-model.json'),
        JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) as unknown }),
      );
    }
  });
});

async function readText(d: TrainingDeployment, key: string): Promise<string> {
  const stream = await d.store.client.getObject(d.store.buckets.models, key);
  let text = '';
  for await (const part of stream) text += (part as Buffer).toString('utf8');
  return text;
}
