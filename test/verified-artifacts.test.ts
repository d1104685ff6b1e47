import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { temporal } from '@temporalio/proto';
import { championOf, promoteModel } from '../activities/registry/champion';
import { getModel } from '../activities/registry/versions';
import { readSnapshot } from '../activities/datasets/read-snapshot';
import { snapshotKey } from '../activities/datasets/snapshot-format';
import { Classifier } from '../models/classifier';
import { createLogger } from '../core/logging/logger';
import { IntegrityError } from '../core/storage/integrity';
import { putObject, readObject } from '../core/storage/objects';
import { InferencePool } from '../api/serving/inference-pool';
import { createServingMetrics } from '../api/serving/metrics';
import { ModelManager } from '../api/serving/model-manager';
import type { trainModel } from '../workflows';
import { trainingWorkflowId } from '../core/contracts/train-model';
import type { TrainModelInput } from '../core/contracts/train-model';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

type Failure = temporal.api.failure.v1.IFailure;

describe('verified artifacts: a replaced file is refused by the worker and the API', () => {
  let d: TrainingDeployment;
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-verified-'));
  const logger = createLogger({ format: 'json', level: 'silent' });
  const metrics = createServingMetrics();
  const pool = new InferencePool(1, { logger, metrics });
  let manager: ModelManager | undefined;
  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
  });
  after(async () => {
    await manager?.close();
    await pool.close();
    await d?.stop();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  /** The activity failures of a run, as its history records them. */
  const activityFailures = async (workflowId: string): Promise<Failure[]> => {
    const history = await d.client.workflow.getHandle(workflowId).fetchHistory();
    return history.events!.flatMap((e) =>
      e.activityTaskFailedEventAttributes?.failure
        ? [e.activityTaskFailedEventAttributes.failure]
        : [],
    );
  };
  /** The ID under which d.train runs a spec. */
  const runId = async (input: Partial<TrainModelInput>) => {
    const { version } = await d.activities.snapshotDataset({});
    const args = {
      datasetVersion: version,
      folds: 2,
      trainingTaskQueue: d.trainingTaskQueue,
      ...input,
    };
    return `${trainingWorkflowId(args)}-${d.config.deployment}`;
  };

  it('a model.onnx replaced in the bucket is refused by the API and by the gate', async () => {
    const { models } = d.store.buckets;
    // Two versions of one training set share a featurizer: the one's model.onnx loads and
    // serves in the other's place, so only its sha256 can tell that it is not the right file.
    const first = await d.train({ families: ['cnb'] });
    assert.equal(first.promoted, true, first.reason);
    manager = new ModelManager({ db: d.db, store: d.store, cacheDir, metrics, logger, pool });
    await manager.refresh();
    assert.equal(manager.active?.version, first.modelVersion);

    const second = await d.train({ families: ['svm'] });
    const [a, b] = [
      await getModel(d.db, first.modelVersion),
      await getModel(d.db, second.modelVersion),
    ];
    assert.equal(a.artifact_sha256!.featurizer, b.artifact_sha256!.featurizer);
    assert.notEqual(a.artifact_sha256!.model, b.artifact_sha256!.model);
    // Training on threads changes nothing: the same data and spec, trained again under another
    // run, give byte-identical files.
    const twin = await d.client.workflow.execute<typeof trainModel>('trainModel', {
      taskQueue: d.taskQueue,
      workflowId: `twin-${randomUUID()}`,
      args: [
        {
          datasetVersion: b.dataset_version,
          families: ['svm'],
          folds: 2,
          trainingTaskQueue: d.trainingTaskQueue,
        },
      ],
    });
    const c = await getModel(d.db, twin.modelVersion);
    assert.notEqual(c.version, b.version);
    assert.deepEqual(
      [c.artifact_sha256!.model, c.artifact_sha256!.featurizer],
      [b.artifact_sha256!.model, b.artifact_sha256!.featurizer],
    );
    const swapped = await readObject(d.store, models, a.artifacts!.model!);
    await putObject(d.store, models, b.artifacts!.model!, swapped, 'application/octet-stream');
    const stand = await Classifier.load({
      onnx: swapped,
      featurizer: (await readObject(d.store, models, b.artifacts!.featurizer!)).toString('utf8'),
      card: (await readObject(d.store, models, b.artifacts!.card!)).toString('utf8'),
    });
    await stand.release(); // it would have loaded
    if (!second.promoted) {
      await promoteModel(
        { db: d.db, store: d.store },
        { version: second.modelVersion, actor: 'test', reason: 'to serve the replaced file' },
      );
    }
    assert.equal((await championOf(d.db))?.version, second.modelVersion);

    // The API: refused, counted, and the version serving before keeps serving.
    const failuresBefore = (await metrics.modelLoadFailures.get()).values[0]?.value ?? 0;
    await manager.refresh();
    assert.equal(manager.active?.version, first.modelVersion);
    assert.equal((await metrics.modelLoadFailures.get()).values[0]?.value, failuresBefore + 1);

    // The worker: the gate's re-score of the champion fails at once, naming the object, and
    // the run promotes nothing.
    const third = { families: ['cnb' as const], seed: 7 };
    await assert.rejects(d.train(third));
    assert.equal((await championOf(d.db))?.version, second.modelVersion);
    const failures = await activityFailures(await runId(third));
    assert.equal(failures.length, 1, 'no retry');
    const [failure] = failures;
    assert.equal(failure!.applicationFailureInfo?.type, 'IntegrityError');
    assert.equal(failure!.applicationFailureInfo?.nonRetryable, true);
    assert.match(failure!.message!, new RegExp(`${models}/${b.artifacts!.model!}`));
  });

  it('a snapshot that is not its version is refused when read, and by the training', async () => {
    const dataset = await d.activities.snapshotDataset({});
    const { datasets } = d.store.buckets;
    const key = snapshotKey(dataset.version);
    const original = await readObject(d.store, datasets, key);
    assert.equal((await readSnapshot(d.store, dataset.version)).length, dataset.rows);

    // One product relabelled: still a valid snapshot, no longer this version.
    const lines = gunzipSync(original).toString('utf8').split('\n');
    lines[0] = lines[0]!.replace(
      /^\["([^"]*)",(\d+)/,
      (_m, id: string, code: string) => `["${id}",${code === '10' ? 40 : 10}`,
    );
    await putObject(d.store, datasets, key, gzipSync(lines.join('\n')), 'application/x-ndjson');
    const refused = (error: unknown) =>
      error instanceof IntegrityError &&
      error.message.startsWith(
        `${datasets}/${key} does not match its recorded sha256 ${dataset.version}`,
      );
    await assert.rejects(readSnapshot(d.store, dataset.version), refused);

    // Not even gzip: refused the same way.
    await putObject(d.store, datasets, key, Buffer.from('not a snapshot'), 'application/x-ndjson');
    await assert.rejects(
      readSnapshot(d.store, dataset.version),
      (error: unknown) =>
        error instanceof IntegrityError && error.message.startsWith(`${datasets}/${key} `),
    );

    // A training on it: the candidate fails at once, naming the object, and nothing registers.
    const spec = { families: ['logreg' as const], seed: 11 };
    await assert.rejects(d.train(spec));
    const failures = await activityFailures(await runId(spec));
    assert.equal(failures.length, 1, 'no retry');
    assert.equal(failures[0]!.applicationFailureInfo?.nonRetryable, true);
    assert.match(failures[0]!.message!, new RegExp(`${datasets}/${key}`));
    await putObject(d.store, datasets, key, original, 'application/x-ndjson');
    assert.equal((await readSnapshot(d.store, dataset.version)).length, dataset.rows);
  });
});
