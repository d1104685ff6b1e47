import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Connection } from '@temporalio/client';
import type { HealthReport } from '../api/health';
import { loadConfig } from '../core/config/config';
import { isProcessAlive, readStackFile } from '../core/config/stack-file';
import type { StackFile } from '../core/config/stack-file';
import { createDb } from '../core/db/connect';
import { groupMembers } from '../infra/stack/orphans';
import { isPortFree } from '../core/ports';
import { cleanEnv, DevProcess, runCli } from './helpers/cli';
import { makeDataDir, removeDataDir } from './helpers/data-dir';
import { freeStackPorts } from './helpers/ports';

/** Every port the stack listens on, from the variables the test gave it. */
function stackPorts(ports: Record<string, string>): number[] {
  const s3 = Number(ports.S3_PORT);
  return [
    Number(ports.API_PORT),
    Number(ports.TEMPORAL_PORT),
    Number(ports.TEMPORAL_UI_PORT),
    Number(ports.PG_PORT),
    Number(ports.STACK_METRICS_PORT),
    ...[0, 1, 2, 3, 4].flatMap((i) => [s3 + i, s3 + i + 10_000]),
  ];
}

async function health(
  apiPort: string | undefined,
): Promise<{ status: number; body: HealthReport }> {
  const res = await fetch(`http://127.0.0.1:${apiPort}/health`);
  return { status: res.status, body: (await res.json()) as HealthReport };
}

async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What is left in the children's process groups (each child leads its own group). */
function leftRunning(file: StackFile): string[] {
  return Object.entries(file.children).flatMap(([name, pgid]) =>
    groupMembers(pgid).map((m) => `${name}: ${m.pid} ${m.command}`),
  );
}

describe('rakuten dev: the whole stack under one command', () => {
  let dataDir: string;
  let ports: Record<string, string>;
  let env: NodeJS.ProcessEnv;
  let firstCheckWorkflow: string | undefined;
  let rowsBeforeStop = -1;
  const running: DevProcess[] = [];
  const dev = () => running[0]!;

  before(async () => {
    dataDir = makeDataDir();
    ports = await freeStackPorts();
    env = cleanEnv({ DATA_DIR: dataDir, DEMO_ROWS: '5000', ...ports });
  });
  after(async () => {
    for (const dev of running) {
      if (dev.child.exitCode === null) {
        dev.child.kill('SIGTERM');
        await dev.exited;
      }
    }
    removeDataDir(dataDir);
  });

  it('starts every component, answers /health with all up and prints where everything is', async () => {
    const dev = new DevProcess(env);
    running.push(dev);
    await dev.waitFor(/Rakuten MLOps stack is up/);
    assert.match(dev.output, new RegExp(`API\\s+http://127\\.0\\.0\\.1:${ports.API_PORT}`));
    assert.match(
      dev.output,
      new RegExp(`Temporal UI\\s+http://127\\.0\\.0\\.1:${ports.TEMPORAL_UI_PORT}`),
    );
    assert.match(dev.output, new RegExp(`S3\\s+http://127\\.0\\.0\\.1:${ports.S3_PORT}`));
    assert.match(
      dev.output,
      new RegExp(`Metrics\\s+api http://127\\.0\\.0\\.1:${ports.API_PORT}/metrics`),
    );
    for (const port of [ports.WORKER_METRICS_PORT, ports.TEMPORAL_METRICS_PORT])
      assert.match(dev.output, new RegExp(`http://127\\.0\\.0\\.1:${port}/metrics`));
    // Structured logs, each line tagged with the component it came from.
    const components = new Set(
      dev.output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { component?: string }).component),
    );
    for (const c of ['postgres', 's3', 'temporal', 'worker', 'api', 'setup'])
      assert.ok(components.has(c), c);

    const { status, body } = await health(ports.API_PORT);
    assert.equal(status, 200, JSON.stringify(body));
    for (const name of ['temporal', 'postgres', 's3', 'worker'] as const) {
      assert.equal(body.components[name].status, 'up', name);
    }
    const ui = await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`);
    assert.equal(ui.status, 200, 'the Temporal Web UI answers');
  });

  it('imports synthetic demo rows into the empty database, ingests a first batch, applies the schedule', async () => {
    const other = cleanEnv({ DATA_DIR: dataDir });
    let shown: { rows: number; loaded: number; rejected: number; ok: boolean }[] = [];
    await waitUntil(
      'the first batch of demo rows is ingested',
      async () => {
        const result = await runCli(['sources', 'show', '--json'], other);
        if (result.code !== 0) return false;
        shown = JSON.parse(result.stdout) as typeof shown;
        return shown.length === 1 && shown[0]!.loaded + shown[0]!.rejected === 2_000;
      },
      120_000,
    );
    assert.equal(shown[0]!.rows, Number(env.DEMO_ROWS));
    assert.equal(shown[0]!.ok, true);
    // On demand from another terminal, watched to the end: the next 1,000 rows.
    const ingested = await runCli(['ingest', '--batch-size', '1000', '--wait'], other);
    assert.equal(ingested.code, 0, ingested.stderr);
    const counts = JSON.parse(ingested.stdout.trim().split('\n').pop()!) as {
      rows: number;
      inserted: number;
      rejected: number;
    };
    assert.equal(counts.rows, 1_000);
    assert.equal(counts.inserted + counts.rejected, 1_000);
    const schedules = await runCli(['schedules', 'list', '--json'], other);
    assert.equal(schedules.code, 0, schedules.stderr);
    assert.match(schedules.stdout, /ingest-every-15m/);
  });

  it('ends with a champion trained by the retraining controller, which the CLI drives', async () => {
    const other = cleanEnv({ DATA_DIR: dataDir });
    let champion: { version: string } | undefined;
    await waitUntil(
      'the first model is the champion',
      async () => {
        const result = await runCli(['models', 'list', '--json'], other);
        if (result.code !== 0) return false;
        champion = (JSON.parse(result.stdout) as { version: string; champion: boolean }[]).find(
          (m) => m.champion,
        );
        return champion !== undefined;
      },
      240_000,
    );
    const status = await runCli(['retrain', 'status', '--json'], other);
    assert.equal(status.code, 0, status.stderr);
    const state = JSON.parse(status.stdout) as {
      champion: { version: string } | null;
      thresholds: { f1Floor: number; backlogRows: number };
    };
    assert.equal(state.thresholds.backlogRows, 10_000);
    assert.equal(state.thresholds.f1Floor, 0.7);
    const refused = await runCli(['retrain', 'thresholds', '--f1-floor', '1.5'], other);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /f1Floor:? must be between 0 and 1/);
    const changed = await runCli(['retrain', 'thresholds', '--backlog', '50000'], other);
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stdout, /"backlogRows":50000/);
    // A training on demand, followed to its end: the data grew, so it is a new version.
    const trained = await runCli(['train', '--wait', '--reason', 'dev test'], other, 300_000);
    assert.equal(trained.code, 0, trained.stderr);
    const outcome = JSON.parse(trained.stdout.trim().split('\n').pop()!) as {
      outcome: string;
      trigger: string;
    };
    assert.equal(outcome.trigger, 'request');
    assert.match(outcome.outcome, /promoted|rejected|unchanged/);
  });

  it('runs a drift check from the CLI, whose report the API and the worker metrics show', async () => {
    const other = cleanEnv({ DATA_DIR: dataDir });
    // Demo data from one generator on both sides: the ingested batches are the reference's kind.
    const checked = await runCli(['drift', 'check', '--wait', '--json'], other, 120_000);
    assert.equal(checked.code, 0, checked.stderr);
    const result = JSON.parse(checked.stdout) as {
      reportId: string;
      status: string;
      severity: string;
    };
    assert.equal(result.status, 'ok');
    const text = await runCli(['drift', 'list'], other);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(result.reportId));
    const shown = await runCli(['drift', 'show', result.reportId], other);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal((JSON.parse(shown.stdout) as { id: string }).id, result.reportId);
    const unknown = await runCli(['drift', 'show', 'nope'], other);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /there is no drift report nope/);
    const latest = await fetch(`http://127.0.0.1:${ports.API_PORT}/drift/latest`);
    assert.equal(latest.status, 200);
    // The drift-every-2h schedule may have run since, on an even hour: then it is the latest.
    const latestId = ((await latest.json()) as { id: string }).id;
    if (latestId !== result.reportId) assert.match(latestId, /^drift-scheduled-/);
    const byId = await fetch(
      `http://127.0.0.1:${ports.API_PORT}/drift/${encodeURIComponent(result.reportId)}`,
    );
    assert.equal(((await byId.json()) as { id: string }).id, result.reportId);
    const page = await fetch(
      `http://127.0.0.1:${ports.API_PORT}/drift/${encodeURIComponent(result.reportId)}/report`,
    );
    assert.match(await page.text(), /<svg/);
    const metrics = await (
      await fetch(`http://127.0.0.1:${ports.WORKER_METRICS_PORT}/metrics`)
    ).text();
    assert.match(metrics, /^rakuten_drift_severity\{feature="label"\} \d/m);
    assert.match(metrics, /^rakuten_champion_weighted_f1\{version="m-\d{8}-\d{4}"\} 0\.\d+/m);
    assert.match(metrics, /^rakuten_rows_ingested_total \d+/m);
    const bad = await runCli(['drift', 'check', '--signal-at', 'severe'], other);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /(--signal-at|signalAt)\b.*none\W+low\W+medium\W+high/);
  });

  it('refuses a second stack on the same data folder, naming the running one', async () => {
    const second = await runCli(['dev'], env);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /A stack is already running from .* \(pid \d+\).*DATA_DIR/);
  });

  it('doctor, from another terminal with no configuration, runs systemCheck and exits 0', async () => {
    // Only DATA_DIR, as the test's stand-in for "the checkout": the ports come from .data/stack.json.
    const result = await runCli(['doctor', '--json'], cleanEnv({ DATA_DIR: dataDir }));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      checks: { component: string; ok: boolean }[];
    };
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.checks.map((c) => c.component),
      ['temporal', 'worker', 'postgres', 's3'],
    );
    const config = loadConfig(cleanEnv({ DATA_DIR: dataDir }));
    const db = createDb(config.postgres.url);
    try {
      const rows = await db.selectFrom('system_checks').select('id').execute();
      assert.equal(rows.length, 1);
      firstCheckWorkflow = `system-check-${rows[0]!.id}`;
    } finally {
      await db.destroy();
    }
  });

  it('doctor exits non-zero naming s3 when S3 does not answer, and /health says so', async () => {
    const file = readStackFile(dataDir);
    assert.ok(file);
    // Frozen rather than killed: a dead S3 would be restarted at once (see the next test).
    const s3Pid = file.children.s3!;
    process.kill(s3Pid, 'SIGSTOP');
    try {
      const result = await runCli(['doctor', '--timeout', '90'], cleanEnv({ DATA_DIR: dataDir }));
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /FAIL\s+s3/);
      assert.match(result.stdout, /ok\s+postgres/);
      assert.equal(result.stderr.trim().split('\n').pop(), 'rakuten: doctor: s3 is down');

      const { status, body } = await health(ports.API_PORT);
      assert.equal(status, 503);
      assert.equal(body.components.s3.status, 'down');
      assert.equal(body.components.postgres.status, 'up');
    } finally {
      process.kill(s3Pid, 'SIGCONT');
    }
    await waitUntil('S3 answers again', async () => (await health(ports.API_PORT)).status === 200);
  });

  it('restarts PostgreSQL, S3 and Temporal after a kill -9, with their data', async () => {
    const config = loadConfig(cleanEnv({ DATA_DIR: dataDir }));
    const before = readStackFile(dataDir);
    assert.ok(before);
    const countChecks = async () => {
      const db = createDb(config.postgres.url);
      try {
        return (await db.selectFrom('system_checks').select('id').execute()).length;
      } finally {
        await db.destroy();
      }
    };
    const checks = await countChecks();
    // The PostgreSQL server itself (its supervisor notices and exits), SeaweedFS, Temporal.
    const postmaster = Number(
      fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    for (const pid of [postmaster, before.children.s3!, before.children.temporal!])
      process.kill(pid, 'SIGKILL');
    await waitUntil(
      'the three to be restarted',
      () => {
        const now = readStackFile(dataDir)?.children ?? {};
        return ['postgres', 's3', 'temporal'].every(
          (name) => now[name] !== before.children[name] && isProcessAlive(now[name] ?? -1),
        );
      },
      120_000,
    );
    await waitUntil(
      '/health to be all up',
      async () => (await health(ports.API_PORT)).status === 200,
      60_000,
    );
    for (const name of ['postgres', 's3', 'temporal'])
      assert.match(dev().output, new RegExp(`${name} exited unexpectedly .*restarting it in 1 s`));
    assert.equal(await countChecks(), checks, 'no row lost');
    const doctor = await runCli(['doctor', '--json'], cleanEnv({ DATA_DIR: dataDir }));
    assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
    // The workflow history survived Temporal's restart.
    const connection = await Connection.connect({ address: config.temporal.address });
    try {
      assert.ok(firstCheckWorkflow);
      await connection.workflowService.describeWorkflowExecution({
        namespace: config.temporal.namespace,
        execution: { workflowId: firstCheckWorkflow },
      });
    } finally {
      await connection.close();
    }
  });

  it('Ctrl-C stops everything, leaves no process behind and frees every port', async () => {
    const dev = running[0]!;
    const file = readStackFile(dataDir);
    assert.ok(file);
    const db = createDb(loadConfig(cleanEnv({ DATA_DIR: dataDir })).postgres.url);
    rowsBeforeStop = (await db.selectFrom('system_checks').select('id').execute()).length;
    await db.destroy();
    dev.child.kill('SIGINT');
    assert.equal(await dev.exited, 0, dev.output.slice(-3000));
    assert.deepEqual(leftRunning(file), []);
    for (const port of stackPorts(ports))
      assert.ok(await isPortFree(port), `port ${port} still in use`);
    assert.equal(fs.existsSync(`${dataDir}/stack.json`), false);
    // Stopped in reverse order: the API first, PostgreSQL last.
    const stops = [...dev.output.matchAll(/"msg":"stopping (\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(stops, ['api', 'worker', 'temporal', 's3', 'postgres']);
  });

  it('a second start reuses .data: workflow history and rows are still there', async () => {
    const dev = new DevProcess(env);
    running.push(dev);
    await dev.waitFor(/Rakuten MLOps stack is up/);
    assert.match(dev.output, /database schema up to date/);
    assert.match(dev.output, /buckets present/);
    const config = loadConfig(cleanEnv({ DATA_DIR: dataDir }));
    const connection = await Connection.connect({ address: config.temporal.address });
    try {
      assert.ok(firstCheckWorkflow);
      const described = await connection.workflowService.describeWorkflowExecution({
        namespace: config.temporal.namespace,
        execution: { workflowId: firstCheckWorkflow },
      });
      assert.equal(described.workflowExecutionInfo?.type?.name, 'systemCheck');
    } finally {
      await connection.close();
    }
    const db = createDb(config.postgres.url);
    try {
      assert.equal(
        (await db.selectFrom('system_checks').select('id').execute()).length,
        rowsBeforeStop,
      );
    } finally {
      await db.destroy();
    }
  });

  it('after a kill -9, the next start stops what the dead one left running', async () => {
    const dev = running[1]!;
    const file = readStackFile(dataDir);
    assert.ok(file);
    dev.child.kill('SIGKILL');
    await dev.exited;
    // PostgreSQL at least outlives its killed parent; without clean-up it would hold its port.
    assert.notDeepEqual(leftRunning(file), [], 'children outlive a killed parent');

    const next = new DevProcess(env);
    running.push(next);
    await next.waitFor(/Rakuten MLOps stack is up/);
    assert.match(next.output, /left running by a stack that did not shut down/);
    assert.deepEqual(leftRunning(file), []);

    const nextFile = readStackFile(dataDir);
    assert.ok(nextFile);
    next.child.kill('SIGTERM');
    assert.equal(await next.exited, 0);
    assert.deepEqual(leftRunning(nextFile), []);
    for (const port of stackPorts(ports))
      assert.ok(await isPortFree(port), `port ${port} still in use`);
  });
});
