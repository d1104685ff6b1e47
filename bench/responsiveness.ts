/**
 * How responsive a worker stays while it trains: on real services it starts, with a real
 * `rakuten worker` process (pipeline and training queues in one process, as `rakuten dev` runs
 * it), N synthetic rows are imported and ingested, then the retraining controller is started
 * and trains a first model (every family, 3-fold CV, the worker's default settings). During the
 * training (and the snapshot before it) a probe preloaded into the worker records its event-loop delay every second, and the
 * benchmark sends the controller a `status` query every second and reads the activities'
 * heartbeats from the server; then it prints the longest event-loop block, the query
 * latencies and the longest gap between heartbeats.
 *   node --import tsx bench/responsiveness.ts [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { importSource } from '../activities/ingest/import-source';
import { DEMO_SEED } from '../cli/demo-bootstrap';
import { RETRAIN_CONTROLLER_ID } from '../core/contracts/retrain-controller';
import type { RetrainControllerWorkflow } from '../core/contracts/retrain-controller';
import { statusQuery } from '../core/contracts/retrain-controller-messages';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import type { TrainModelResult } from '../core/contracts/train-model';
import { createDb } from '../core/db/connect';
import { createObjectStore } from '../core/storage/object-store';
import { writeChallengeFiles } from '../synthetic';
import { startTestStack } from '../test/helpers/shared-stack';
import { until } from '../test/helpers/until';
import type { QueryOutcome } from './responsiveness-probes';
import {
  eventLoopProbe,
  HeartbeatLog,
  loopDelays,
  summary,
  timedStatusQuery,
} from './responsiveness-probes';

const EVERY_MS = 1_000;
const QUERY_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 40_000);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-bench-responsive-'));
  const probeFile = path.join(scratch, 'event-loop.jsonl');
  // Children of the stack (the worker among them) inherit the probe through the environment.
  const nodeOptions = process.env.NODE_OPTIONS;
  Object.assign(process.env, eventLoopProbe(probeFile));
  const test = await startTestStack({ worker: true });
  if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = nodeOptions;
  const { config } = test.stack;
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  try {
    // Setting up the stack started a controller; this one starts after the rows are in.
    await client.workflow
      .getHandle(RETRAIN_CONTROLLER_ID)
      .terminate('the benchmark starts it after ingestion')
      .catch(() => undefined);
    const files = await writeChallengeFiles({ rows, seed: DEMO_SEED, outDir: scratch });
    await importSource({ db, store }, { xPath: files.xPath, yPath: files.yPath });
    await client.workflow.execute('ingestBatch', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId: `bench-ingest-${Date.now()}`,
      args: [{ all: true }],
    });
    // Started after the rows are in: it reads them as its backlog and, with no champion yet,
    // trains a first model at once.
    const controller: WorkflowHandle<RetrainControllerWorkflow> = await client.workflow.start(
      'retrainController',
      { workflowId: RETRAIN_CONTROLLER_ID, taskQueue: PIPELINE_TASK_QUEUE, args: [{}] },
    );
    // Probed from the controller's start, so the snapshot before the training counts too.
    const started = performance.now();
    const startedAt = Date.now();
    const queries: Promise<QueryOutcome>[] = [];
    const heartbeats = new HeartbeatLog();
    let training: WorkflowHandle | undefined = undefined;
    let describing: Promise<void> = Promise.resolve();
    // Each probe on its own clock: a blocked worker delays its answers, never the next probe.
    const timer = setInterval(() => {
      queries.push(timedStatusQuery(connection, controller, QUERY_DEADLINE_MS));
      const run = training;
      if (run) describing = describing.then(() => heartbeats.sample(run).catch(() => undefined));
    }, EVERY_MS);
    const running = await until(
      'the controller to start a training',
      async () => (await controller.query(statusQuery)).running?.workflowId ?? undefined,
      { ms: 120_000, every: 500 },
    );
    const handle = client.workflow.getHandle(running);
    // The controller names the run before it has started it (the snapshot comes first).
    await until('the training to start', () => handle.describe().then(() => true), {
      ms: 600_000,
      every: 500,
      ignoreErrors: true,
    });
    training = handle;
    console.log(`training ${running} on ${rows} synthetic rows`);

    // The server answers this one, not the worker.
    const result = await handle.result().then(
      (r: TrainModelResult) => r,
      (error: unknown) => new Error(String(error)),
    );
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    await describing;
    // The probe's next line covers the training's last second.
    await new Promise((r) => setTimeout(r, 2_000));
    const loop = loopDelays(probeFile, startedAt, Date.now() - 2_000);
    const outcomes = await Promise.all(queries);
    const failed = outcomes.filter((q) => q.error);
    const latency = summary(outcomes.filter((q) => !q.error).map((q) => q.ms));
    const gaps = heartbeats.gaps().sort((a, b) => b.seconds - a.seconds);

    console.log(
      result instanceof Error
        ? `  the training failed after ${seconds.toFixed(0)} s: ${result.message}`
        : `  ${result.modelVersion} ${result.family}: gold weighted F1 ${result.goldWeightedF1.toFixed(4)}, ${result.trainRows} training rows, ${seconds.toFixed(0)} s from the controller's start (snapshot included)`,
    );
    console.log(
      `  worker event loop: longest block ${loop.maxSeconds.toFixed(3)} s (${loop.samples} one-second samples; the longest ${loop.longest.map((l) => `${l.seconds.toFixed(3)} s at +${l.at.toFixed(0)} s`).join(', ')})`,
    );
    console.log(
      `  status queries: ${outcomes.length} sent, ${failed.length} failed; answered p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms`,
    );
    for (const f of failed.slice(0, 3))
      console.log(`    failed after ${f.ms.toFixed(0)} ms: ${f.error}`);
    console.log(
      `  heartbeats (as the server recorded them): longest gap ${gaps[0]?.seconds.toFixed(1) ?? '-'} s (${gaps[0]?.activity ?? 'none seen'})`,
    );
    for (const g of gaps.slice(0, 8))
      console.log(
        `    ${g.activity}: ${g.heartbeats} heartbeats, longest gap ${g.seconds.toFixed(1)} s`,
      );
    console.log(
      `  worker: training concurrency ${config.training.concurrency}, ${config.training.threads} CV thread(s) each, ${os.availableParallelism()} cores`,
    );
    await controller.terminate('benchmark over');
  } finally {
    await connection.close();
    await db.destroy();
    await test.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
