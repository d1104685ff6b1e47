import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createApiService } from '../api/service';
import { createHealthCheck } from '../api/health';
import type { HealthReport } from '../api/health';
import type { Config } from '../core/config/config';
import { createDb } from '../core/db/connect';
import { createLogger } from '../core/logging/logger';
import type { Db } from '../core/db/connect';
import { createObjectStore } from '../core/storage/object-store';
import type { ObjectStore } from '../core/storage/object-store';
import { workerStatus } from '../core/temporal/pollers';
import { connectWorker } from '../core/temporal/worker-connection';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import { startLivenessHeartbeat } from '../workers/liveness-heartbeat';
import { createPipelineWorker } from '../workers/pipeline-worker';
import type { systemCheck } from '../workflows';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';

installQuietRuntime();

describe('systemCheck workflow and /health on real services', () => {
  let config: Config;
  let db: Db;
  let store: ObjectStore;
  let client: Client;
  let connection: Connection;
  let workerConnection: NativeConnection;

  before(async () => {
    config = await sharedStackConfig();
    db = createDb(config.postgres.url);
    store = createObjectStore(config.s3, config.deployment);
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection, namespace: config.temporal.namespace });
    workerConnection = await connectWorker(config.temporal);
  });
  after(async () => {
    await connection.close();
    await workerConnection.close();
    await db.destroy();
  });

  async function withWorker<T>(taskQueue: string, fn: (worker: Worker) => Promise<T>): Promise<T> {
    const worker = await createPipelineWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      activities: createActivities({ db, store }),
    });
    return worker.runUntil(() => fn(worker));
  }

  it('writes and reads back a row and an object, and reports both', async () => {
    const taskQueue = `system-check-${randomUUID()}`;
    const checkId = randomUUID();
    const result = await withWorker(taskQueue, () =>
      client.workflow.execute<typeof systemCheck>('systemCheck', {
        taskQueue,
        workflowId: `system-check-${checkId}`,
        args: [{ checkId }],
      }),
    );
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(result.checks.map((c) => c.component).sort(), ['postgres', 's3']);
    const row = await db
      .selectFrom('system_checks')
      .selectAll()
      .where('id', '=', checkId)
      .executeTakeFirst();
    assert.ok(row, 'the probe row stays as a record of the check');
    const leftovers: string[] = [];
    for await (const item of store.client.listObjectsV2(
      store.buckets.reports,
      'system-checks/',
      true,
    )) {
      leftovers.push(String((item as { name?: string }).name));
    }
    assert.ok(!leftovers.some((name) => name.includes(checkId)), 'the probe object is deleted');
  });

  it('reports S3 as failed, with the reason, when its credentials are refused', async () => {
    const taskQueue = `system-check-${randomUUID()}`;
    const badStore = createObjectStore(
      { ...config.s3, secretKey: 'not-the-secret' },
      config.deployment,
    );
    const worker = await createPipelineWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      activities: createActivities({ db, store: badStore }),
    });
    const checkId = randomUUID();
    const result = await worker.runUntil(
      client.workflow.execute<typeof systemCheck>('systemCheck', {
        taskQueue,
        workflowId: `system-check-${checkId}`,
        args: [{ checkId }],
      }),
    );
    assert.equal(result.ok, false);
    const s3 = result.checks.find((c) => c.component === 's3');
    const postgres = result.checks.find((c) => c.component === 'postgres');
    assert.equal(postgres?.ok, true);
    assert.equal(s3?.ok, false);
    assert.match(s3?.detail ?? '', /signature|access|denied|credentials/i);
  });

  it('/health and its probe say the worker is down until one sends heartbeats, and at once when it stops', async () => {
    const service = createApiService({
      config,
      db,
      store,
      connection,
      client,
      logger: createLogger({ format: 'json', level: 'silent' }, 'api'),
    });
    const probe = createHealthCheck({
      connection,
      namespace: config.temporal.namespace,
      db,
      store,
    });
    const server = service.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const get = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return { status: res.status, body: (await res.json()) as HealthReport };
    };
    try {
      const down = await get();
      assert.equal(down.status, 503);
      assert.equal(down.body.components.worker.status, 'down');
      for (const name of ['temporal', 'postgres', 's3'] as const) {
        assert.equal(down.body.components[name].status, 'up', name);
        assert.equal(typeof down.body.components[name].latencyMs, 'number');
      }
      assert.match(
        (await probe()).components.worker.error ?? '',
        /no worker on task queue 'pipeline' sent a heartbeat within 8 s/,
      );

      const worker = await createPipelineWorker({
        connection: workerConnection,
        namespace: config.temporal.namespace,
        taskQueue: PIPELINE_TASK_QUEUE,
        activities: createActivities({ db, store }),
      });
      const heartbeat = await startLivenessHeartbeat({
        db,
        queues: [PIPELINE_TASK_QUEUE],
        logger: createLogger({ format: 'json', level: 'silent' }),
        serving: () => ['INITIALIZED', 'RUNNING'].includes(worker.getState()),
      });
      const up = await worker.runUntil(async () => {
        const res = await get();
        const detail = (await probe()).components.worker.detail;
        await heartbeat.stop();
        return { ...res, detail };
      });
      assert.equal(up.status, 200, JSON.stringify(up.body));
      assert.equal(up.body.status, 'up');
      assert.match(
        up.detail ?? '',
        /^1 worker\(s\) on 'pipeline' \(.+:\d+\), each seen within 8 s$/,
      );
      // A clean stop withdraws the heartbeat: down at once, not after the 8 s window.
      const after = await get();
      assert.equal(after.body.components.worker.status, 'down');

      const missing = await fetch(`http://127.0.0.1:${port}/nope`);
      assert.equal(missing.status, 404);
      const body = (await missing.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'not_found');
      assert.match(body.error.message, /no route for GET \/nope/);
    } finally {
      server.close();
      await service.stop();
    }
  });

  it("falls back to Temporal's pollers, and says so, when PostgreSQL does not answer", async () => {
    const deadDb = createDb('postgres://postgres:x@127.0.0.1:1/none');
    try {
      const status = await workerStatus(
        { db: deadDb, connection, namespace: config.temporal.namespace },
        `nobody-${randomUUID()}`,
      );
      assert.equal(status.source, 'pollers');
      assert.equal(status.live, 0);
      assert.match(status.detail, /by Temporal's count, which lags a dead worker by up to 90 s/);
    } finally {
      await deadDb.destroy();
    }
  });
});
