import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import pg from 'pg';
import { loadConfig } from '../core/config/config';
import type { Config } from '../core/config/config';
import { pgPasswordFile } from '../core/config/pg-password';
import { isProcessAlive, readStackFile, stackFilePath } from '../core/config/stack-file';
import type { StackFile } from '../core/config/stack-file';
import { createDb } from '../core/db/connect';
import { isPortFree } from '../core/ports';
import { groupMembers } from '../infra/stack/orphans';
import { cleanEnv, DevProcess, runCli } from './helpers/cli';
import { makeDataDir, removeDataDir } from './helpers/data-dir';
import { freeStackPorts } from './helpers/ports';
import { until, within } from './helpers/until';

const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

function stackFile(dataDir: string): StackFile {
  const file = readStackFile(dataDir);
  assert.ok(file, 'stack.json is there');
  return file;
}

/** One sample of a Prometheus text exposition, or undefined. */
function sample(metrics: string, name: string, component: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{component="${component}"} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('rakuten dev supervises its components', () => {
  let dataDir: string;
  let ports: Record<string, string>;
  let env: NodeJS.ProcessEnv;
  let dev: DevProcess;
  let config: Config;
  let connection: Connection;
  let client: Client;
  const api = (p: string) => `http://127.0.0.1:${ports.API_PORT}${p}`;
  const stackMetrics = async () =>
    (await fetch(`http://127.0.0.1:${ports.STACK_METRICS_PORT}/metrics`)).text();
  const workerHealth = async () => {
    const res = await fetch(api('/health'));
    const body = (await res.json()) as { components: { worker: { status: string } } };
    return body.components.worker.status;
  };

  before(async () => {
    dataDir = makeDataDir();
    ports = await freeStackPorts();
    env = cleanEnv({ DATA_DIR: dataDir, DEMO_ROWS: '5000', ...ports });
    dev = new DevProcess(env);
    await dev.waitFor(/Rakuten MLOps stack is up/);
    config = loadConfig(cleanEnv({ DATA_DIR: dataDir }));
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection, namespace: config.temporal.namespace });
  });
  after(async () => {
    await connection?.close();
    if (dev && dev.child.exitCode === null) {
      dev.child.kill('SIGTERM');
      await dev.exited;
    }
    removeDataDir(dataDir);
  });

  it('keeps its secrets to itself: stack.json 0600 in a 0700 folder, a generated database password', async () => {
    const mode = (file: string) => fs.statSync(file).mode & 0o777;
    assert.equal(mode(stackFilePath(dataDir)), 0o600);
    const folder = fs.statSync(dataDir);
    if (process.getuid?.() === 0) {
      // Run as root, PostgreSQL runs as `postgres`, which may only pass through the folder.
      assert.equal(folder.mode & 0o777, 0o710);
      const postgresGid = fs.statSync(path.join(dataDir, 'postgres')).gid;
      assert.equal(folder.gid, postgresGid);
    } else {
      assert.equal(folder.mode & 0o777, 0o700);
    }
    const passwordFile = pgPasswordFile(path.join(dataDir, 'postgres'));
    assert.equal(mode(passwordFile), 0o600);
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    assert.ok(password.length >= 32, 'a generated password');
    assert.equal(new URL(stackFile(dataDir).env.DATABASE_URL!).password, password);
    assert.match(dev.output, /PostgreSQL\s+postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
    assert.ok(!dev.output.includes(password), 'the password is never logged');
    // The old fixed password no longer opens the database.
    const old = new URL(config.postgres.url);
    old.password = 'postgres';
    const refused = new pg.Client({ connectionString: old.toString() });
    refused.on('error', () => undefined);
    await assert.rejects(refused.connect(), (error: { code?: string }) => error.code === '28P01');
    // The status block says where the restart counts are.
    assert.match(
      dev.output,
      new RegExp(`restarts http://127\\.0\\.0\\.1:${ports.STACK_METRICS_PORT}/metrics`),
    );
    const metrics = await stackMetrics();
    for (const component of ['postgres', 's3', 'temporal', 'worker', 'api']) {
      assert.equal(sample(metrics, 'rakuten_component_restarts_total', component), 0, component);
      assert.equal(sample(metrics, 'rakuten_component_up', component), 1, component);
    }
  });

  it('restarts a worker killed during a training, which ends in exactly one new model version', async () => {
    // The demo rows reach the controller, which trains the first model: catch a candidate at work.
    const { workflowId } = await until(
      'a training candidate running',
      async () => {
        for await (const run of client.workflow.list({
          query: `WorkflowType = 'trainModel' AND ExecutionStatus = 'Running'`,
        })) {
          const described = await connection.workflowService.describeWorkflowExecution({
            namespace: config.temporal.namespace,
            execution: { workflowId: run.workflowId, runId: run.runId },
          });
          const training = (described.pendingActivities ?? []).some(
            (a) => a.activityType?.name === 'trainCandidate' && a.state === STARTED,
          );
          if (training) return { workflowId: run.workflowId };
        }
        return undefined;
      },
      { ms: 300_000, every: 200 },
    );
    const killed = stackFile(dataDir).children.worker!;
    process.kill(killed, 'SIGKILL');

    // No human action from here on.
    const restarted = await until(
      'stack.json to name the new worker',
      () => {
        const pid = readStackFile(dataDir)?.children.worker;
        return Promise.resolve(
          pid !== undefined && pid !== killed && isProcessAlive(pid) ? pid : undefined,
        );
      },
      { ms: 180_000, every: 250 },
    );
    assert.ok(restarted > 0);
    assert.match(dev.output, /worker exited unexpectedly \(signal SIGKILL\); restarting it in 1 s/);
    assert.match(dev.output, /worker restarted \(pid \d+\)/);
    const metrics = await stackMetrics();
    assert.equal(sample(metrics, 'rakuten_component_restarts_total', 'worker'), 1);
    assert.equal(sample(metrics, 'rakuten_component_up', 'worker'), 1);

    const result = (await client.workflow.getHandle(workflowId).result()) as {
      modelVersion: string;
    };
    const db = createDb(config.postgres.url);
    try {
      const versions = await db.selectFrom('model_versions').select(['version', 'stage']).execute();
      assert.deepEqual(
        versions.map((v) => v.version),
        [result.modelVersion],
        'exactly one model version',
      );
    } finally {
      await db.destroy();
    }
    const listed = await runCli(['models', 'list', '--json'], cleanEnv({ DATA_DIR: dataDir }));
    assert.equal(listed.code, 0, listed.stderr);
    const models = JSON.parse(listed.stdout) as { version: string; champion: boolean }[];
    assert.deepEqual(
      models.map((m) => [m.version, m.champion]),
      [[result.modelVersion, true]],
    );
  });

  it('serves the API again within 5 s of a kill -9', async () => {
    await until('the champion is served', async () => (await fetch(api('/ready'))).status === 200, {
      ms: 60_000,
      ignoreErrors: true,
    });
    const killed = stackFile(dataDir).children.api!;
    const start = performance.now();
    process.kill(killed, 'SIGKILL');
    const answered = await until(
      'the API to answer again',
      async () => {
        const res = await fetch(api('/health'));
        await res.body?.cancel();
        return performance.now() - start;
      },
      { ms: 60_000, every: 50, ignoreErrors: true },
    );
    const predicted = await until(
      'a prediction again',
      async () => {
        const res = await fetch(api('/predict'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ designation: 'Piscine tubulaire 300 x 76 cm' }),
        });
        await res.body?.cancel();
        return res.status === 200 ? performance.now() - start : undefined;
      },
      { ms: 60_000, every: 50, ignoreErrors: true },
    );
    process.stdout.write(
      `# API after kill -9: answers in ${(answered / 1000).toFixed(2)} s, predicts in ${(predicted / 1000).toFixed(2)} s\n`,
    );
    assert.ok(answered < 5_000, `the API answered again ${answered.toFixed(0)} ms after its death`);
    await until(
      'stack.json to name the new API',
      () => Promise.resolve(readStackFile(dataDir)?.children.api !== killed),
      { ms: 30_000 },
    );
    assert.equal(sample(await stackMetrics(), 'rakuten_component_restarts_total', 'api'), 1);
  });

  it('reports a dead worker within 15 s, and stops the stack after 5 crashes in 2 minutes, in one line', async () => {
    const other = cleanEnv({ DATA_DIR: dataDir });
    await until('the worker to be up', async () => (await workerHealth()) === 'up', {
      ms: 60_000,
      ignoreErrors: true,
    });
    const healthy = await runCli(['doctor', '--json'], other);
    assert.equal(healthy.code, 0, healthy.stdout + healthy.stderr);
    const file = stackFile(dataDir);

    // The worker dies, and its metrics port is taken before it can come back: every restart
    // fails at once, naming the port.
    const metricsPort = Number(ports.WORKER_METRICS_PORT);
    const blocker = net.createServer();
    const killedAt = performance.now();
    process.kill(file.children.worker!, 'SIGKILL');
    await until(
      'the metrics port to be taken',
      () =>
        new Promise<boolean>((resolve) => {
          blocker.once('error', () => resolve(false));
          blocker.listen(metricsPort, '127.0.0.1', () => resolve(true));
        }),
      { ms: 5_000, every: 20 },
    );
    try {
      const downAfter = await until(
        '/health to report the worker down',
        async () => ((await workerHealth()) === 'down' ? performance.now() - killedAt : undefined),
        { ms: 20_000, every: 250 },
      );
      const doctor = await runCli(['doctor', '--json'], other);
      const doctorDoneAfter = performance.now() - killedAt;
      process.stdout.write(
        `# worker killed: /health down after ${(downAfter / 1000).toFixed(1)} s, doctor done after ${(doctorDoneAfter / 1000).toFixed(1)} s\n`,
      );
      assert.ok(downAfter < 15_000, `/health said down ${downAfter.toFixed(0)} ms after the death`);
      assert.equal(doctor.code, 1, doctor.stdout + doctor.stderr);
      const report = JSON.parse(doctor.stdout) as {
        checks: { component: string; ok: boolean; detail: string }[];
      };
      const worker = report.checks.find((c) => c.component === 'worker');
      assert.equal(worker?.ok, false);
      assert.match(worker?.detail ?? '', /no worker on task queue 'pipeline' sent a heartbeat/);
      assert.ok(
        doctorDoneAfter < 15_000,
        `doctor said down ${doctorDoneAfter.toFixed(0)} ms after`,
      );

      // Four restarts fail (after 1, 2, 4 and 8 s): the fifth crash within 2 minutes ends it.
      const code = await within(dev.exited, 150_000, () => 'the stack did not stop');
      assert.equal(code, 1, dev.output.slice(-3000));
    } finally {
      blocker.close();
    }
    const lines = dev.output
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('{') && !l.startsWith('  '));
    const last = lines.at(-1) ?? '';
    assert.match(
      last,
      new RegExp(
        `^rakuten: worker crashed 5 times within 2 minutes, so the stack was stopped\\. Its last lines: .*Port ${metricsPort} \\(worker metrics\\) is already in use`,
      ),
    );
    for (const delay of [1, 2, 4, 8])
      assert.match(
        dev.output,
        new RegExp(`worker exited unexpectedly .*restarting it in ${delay} s`),
      );
    // Everything stopped, nothing left behind.
    const left = Object.entries(file.children).flatMap(([name, pgid]) =>
      groupMembers(pgid).map((m) => `${name}: ${m.command}`),
    );
    assert.deepEqual(left, []);
    assert.equal(fs.existsSync(stackFilePath(dataDir)), false);
    for (const variable of [
      'API_PORT',
      'TEMPORAL_PORT',
      'PG_PORT',
      'S3_PORT',
      'STACK_METRICS_PORT',
    ])
      assert.ok(await isPortFree(Number(ports[variable])), `${variable} is free`);
  });
});
