import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createApiService } from '../api/service';
import { writeLabelledCsv } from '../bench/real-data';
import { importSource } from '../activities/ingest/import-source';
import { createLogger } from '../core/logging/logger';
import { readLabelledCsv } from '../models/data/labelled-rows';
import type { LabelledRow } from '../models/data/labelled-rows';
import { createRng } from '../models/random';
import { readObject } from '../core/storage/objects';
import type { driftCheck, ingestBatch, retrainController, trainModel } from '../workflows';
import type { DriftCheckInput, DriftCheckResult } from '../core/contracts/drift-check';
import { statusQuery } from '../core/contracts/retrain-controller-messages';
import { trainingWorkflowId } from '../core/contracts/train-model';
import { realFile } from './helpers/real-data';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

describe('driftCheck: the champion training data against recent products and predictions', () => {
  let d: TrainingDeployment;
  let api: { url: string; drain(): Promise<void>; close(): Promise<void> };
  const real = readLabelledCsv(realFile('raw.csv')).rows;
  const scratch: string[] = [];

  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
  });
  after(async () => {
    await api?.close();
    await d?.stop();
    for (const file of scratch) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  const check = (input: DriftCheckInput = {}) =>
    d.client.workflow.execute<typeof driftCheck>('driftCheck', {
      taskQueue: d.taskQueue,
      workflowId: `drift-${randomUUID()}`,
      args: [
        {
          signalAt: 'high',
          // The shared stack runs a controller under the default ID: never tell that one.
          controllerId: `no-controller-${randomUUID()}`,
          ...input,
          window: { batches: 1, referenceRows: 2_000, ...input.window },
        },
      ],
    });

  /** Rows as a new source, ingested as one batch: the current window of the next check. */
  const ingest = async (rows: LabelledRow[]) => {
    const file = writeLabelledCsv(rows, 'current.csv');
    scratch.push(file);
    await importSource(d, { xPath: file });
    await d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: d.taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
  };

  /** Each row predicted through the API, so the prediction log holds the champion's answers. */
  const predict = async (rows: LabelledRow[]) => {
    for (let i = 0; i < rows.length; i += 100) {
      const items = rows
        .slice(i, i + 100)
        .map((r) => ({ title: r.designation, description: r.description }));
      const res = await fetch(`${api.url}/predict/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      });
      assert.equal(res.status, 200, await res.text());
    }
    // Written, as the API writes them, before the check reads the log.
    await api.drain();
  };

  /** A bootstrap sample: drawn with replacement, as fresh data from the same population. */
  const resample = (seed: number, n: number, from = real) => {
    const rng = createRng(seed);
    return Array.from({ length: n }, () => from[rng.int(from.length)]!);
  };

  it('records "insufficient data" when there is no champion, and compares with nothing else', async () => {
    const result = await check();
    assert.equal(result.status, 'insufficient_data');
    assert.equal(result.severity, 'none');
    assert.match(result.reason, /no champion/);
    assert.equal(result.reportKey, null);
    const row = await d.db
      .selectFrom('drift_reports')
      .selectAll()
      .where('id', '=', result.reportId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'insufficient_data');
    assert.equal(row.result, null);
  });

  it('after the first champion, same-distribution data is "none" in at least 19 of 20 checks', async () => {
    const dataset = await d.activities.snapshotDataset({});
    const args = { datasetVersion: dataset.version, trainingTaskQueue: d.trainingTaskQueue };
    await d.client.workflow.execute<typeof trainModel>('trainModel', {
      taskQueue: d.taskQueue,
      workflowId: `${trainingWorkflowId(args)}-${d.config.deployment}`,
      args: [{ ...args, families: ['cnb'], folds: 2 }],
    });
    const service = createApiService({
      config: d.config,
      db: d.db,
      store: d.store,
      connection: d.connection,
      client: d.client,
      logger: createLogger({ format: 'json', level: 'silent' }, 'api'),
    });
    await service.manager.refresh();
    const server = service.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    api = {
      url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      drain: () => service.log.drain(),
      close: async () => {
        await new Promise((resolve) => server.close(resolve));
        await service.stop();
      },
    };

    const severities: string[] = [];
    let first: DriftCheckResult | undefined;
    for (let run = 0; run < 20; run++) {
      const rows = resample(1_000 + run, 300);
      await ingest(rows);
      await predict(rows);
      const result = await check({ window: { batches: 1, predictions: 300 } });
      assert.equal(result.status, 'ok', result.reason);
      first ??= result;
      severities.push(result.severity);
    }
    const none = severities.filter((s) => s === 'none').length;
    assert.ok(none >= 19, `severities: ${severities.join(', ')}`);

    // The report: a row with every feature, an HTML page in the reports bucket, and the API.
    const row = await d.db
      .selectFrom('drift_reports')
      .selectAll()
      .where('id', '=', first!.reportId)
      .executeTakeFirstOrThrow();
    const features = (row.result as { features: { name: string }[] }).features.map((f) => f.name);
    for (const expected of ['label', 'predictedClass', 'confidence', 'tokens', 'descriptionChars'])
      assert.ok(features.includes(expected), `${expected} in ${features.join(', ')}`);
    const html = (await readObject(d.store, d.store.buckets.reports, row.report_key!)).toString();
    assert.match(html, /<svg/);
    const byId = await fetch(`${api.url}/drift/${encodeURIComponent(first!.reportId)}`);
    assert.equal(byId.status, 200);
    assert.equal(((await byId.json()) as { id: string }).id, first!.reportId);
    const page = await fetch(`${api.url}/drift/${encodeURIComponent(first!.reportId)}/report`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /html/);
    const missing = await fetch(`${api.url}/drift/nope`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: { message: string } }).error.message, /nope/);
  });

  it('only 3 categories: the label and predicted-class distributions are "high", and the controller hears of it', async () => {
    const controllerId = `controller-${randomUUID()}`;
    const controller: WorkflowHandle<typeof retrainController> = await d.client.workflow.start<
      typeof retrainController
    >('retrainController', {
      taskQueue: d.taskQueue,
      workflowId: controllerId,
      args: [
        {
          thresholds: { backlogRows: 1_000_000, f1Floor: 0.01, driftSeverity: 'high' },
          training: { families: ['cnb'], folds: 2, trainingTaskQueue: d.trainingTaskQueue },
        },
      ],
    });
    try {
      const three = new Set([10, 2583, 1280]);
      const rows = resample(
        7,
        300,
        real.filter((r) => three.has(r.prdtypecode)),
      );
      await ingest(rows);
      await predict(rows);
      const workflowId = `drift-${randomUUID()}`;
      const run = await d.client.workflow.start<typeof driftCheck>('driftCheck', {
        taskQueue: d.taskQueue,
        workflowId,
        args: [
          {
            controllerId,
            signalAt: 'high',
            window: { batches: 1, predictions: 300, referenceRows: 2_000 },
          },
        ],
      });
      const result = await run.result();
      if (process.env.RECORD_HISTORIES) {
        // A run that signals the controller, for the replay test.
        fs.writeFileSync(
          path.join(__dirname, 'fixtures', 'histories', 'drift-check.json'),
          JSON.stringify({
            workflowId,
            history: JSON.parse(historyToJSON(await run.fetchHistory())) as unknown,
          }),
        );
      }
      assert.equal(result.severity, 'high', JSON.stringify(result));
      const high = new Set(
        result.drifted.filter((f) => f.severity === 'high').map((f) => f.feature),
      );
      assert.ok(high.has('label'), [...high].join(', '));
      assert.ok(high.has('predictedClass'), [...high].join(', '));
      assert.equal(result.signalled, true);
      const row = await d.db
        .selectFrom('drift_reports')
        .select('signalled_at')
        .where('id', '=', result.reportId)
        .executeTakeFirstOrThrow();
      assert.ok(row.signalled_at);
      // The controller decided on it, with the report's ID in its reason.
      for (let i = 0; i < 200; i++) {
        const decision = await d.db
          .selectFrom('retrain_decisions')
          .selectAll()
          .where('controller_id', '=', controllerId)
          .where('trigger', '=', 'drift')
          .executeTakeFirst();
        if (decision) {
          assert.match(decision.reason, new RegExp(result.reportId));
          assert.equal(decision.action, 'train');
          break;
        }
        assert.ok(i < 199, 'the controller recorded no drift decision');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The champion is above the floor and the backlog far off: only the drift can train.
      assert.ok((await controller.query(statusQuery)).trainingsStarted >= 1);
    } finally {
      await controller.terminate('test over');
    }
  });

  it('descriptions twice as long: the description length features are "high"', async () => {
    const rows = resample(11, 300).map((r) => ({
      ...r,
      description: r.description ? `${r.description} ${r.description}` : r.description,
    }));
    await ingest(rows);
    await predict(rows);
    const result = await check({ window: { batches: 1, predictions: 300 } });
    assert.equal(result.severity, 'high', result.reason);
    const high = result.drifted.filter((f) => f.severity === 'high').map((f) => f.feature);
    assert.ok(high.includes('descriptionChars'), high.join(', '));
    assert.equal(result.signalled, false, 'no controller of the deployment runs in this test');
  });

  it('refuses nonsense thresholds with a readable, non-retryable failure', async () => {
    // The workflow refuses them before any activity runs, naming the field.
    await assert.rejects(check({ thresholds: { minSamples: -3 } }), (error: Error) => {
      const failure = error.cause as { message?: string; nonRetryable?: boolean } | undefined;
      assert.match(String(failure?.message), /^thresholds\.minSamples: /);
      assert.equal(failure?.nonRetryable, true);
      return true;
    });
  });
});
