/**
 * The prediction API under load, with autocannon, against one `rakuten api` process on real
 * services started for the run (a model trained on the real sample first):
 *   - the floor: GET /models/active, which does no model work, at 50 connections;
 *   - POST /predict at 50 connections, as fast as it answers (closed loop): the throughput;
 *   - POST /predict at a paced 3,000 req/s over 50 connections: the latency at that rate;
 *   - POST /predict/batch with 100 products, one connection: median latency;
 *   - overload: a flood of POST /predict from 512 connections, each sending again as soon as
 *     it is answered, against the default MAX_INFLIGHT and against a process without the bound:
 *     p50 and p99 of the accepted requests and of the 503s apart; then the same flood paced at
 *     1.25 and 2 times the capacity (an open loop);
 *   - POST /predict again with a shadow model scoring 10% of requests: the latency it costs.
 * In a closed loop every connection waits for its answer, so mean latency is always
 * connections / throughput (Little's law): latency at a given rate needs the paced run.
 *   node --import tsx bench/api.ts [seconds]
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { readCsvRecords, FILE_START } from '../activities/ingest/csv-records';
import type { trainModel } from '../workflows';
import { trainingWorkflowId } from '../core/contracts/train-model';
import { cleanEnv } from '../test/helpers/cli';
import { freePort } from '../core/ports';
import { realFile } from '../test/helpers/real-data';
import { describeLatency, loadByStatus } from '../test/helpers/load';
import type { LoadRun } from '../test/helpers/load';
import { startTestStack } from '../test/helpers/shared-stack';
import { installQuietRuntime } from '../test/helpers/temporal-runtime';
import { trainingDeployment } from '../test/helpers/training-deployment';

const BIN = path.join(__dirname, '..', 'bin', 'rakuten.js');
const PACED_RATE = 3000;
/** Far more clients than MAX_INFLIGHT's default (32 per inference thread) lets in at once. */
const FLOOD_CONNECTIONS = 512;
/** Open-loop floods, as multiples of the closed-loop capacity measured just before. */
const PACED_FLOODS = [1.25, 2];

async function startApi(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'api'], {
    env: { ...env, API_PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not get ready');
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error: unknown, result) =>
      error
        ? reject(error instanceof Error ? error : new Error('autocannon failed'))
        : resolve(result),
    );
  });
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  installQuietRuntime();
  const test = await startTestStack();
  const d = await trainingDeployment(test.stack.config);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-bench-api-'));
  const apis: ChildProcess[] = [];
  try {
    const dataset = await d.activities.snapshotDataset({});
    const args = { datasetVersion: dataset.version, trainingTaskQueue: d.trainingTaskQueue };
    const model = await d.client.workflow.execute<typeof trainModel>('trainModel', {
      taskQueue: d.taskQueue,
      workflowId: `${trainingWorkflowId(args)}-${d.config.deployment}`,
      args: [args],
    });
    console.log(
      `model ${model.modelVersion} (${model.family}), gold weighted F1 ${model.goldWeightedF1.toFixed(4)}`,
    );

    // Real titles and descriptions, so the featurizer does its real work.
    const products: { title: string; description: string }[] = [];
    for await (const r of readCsvRecords(
      fs.createReadStream(realFile('X_sample.csv')),
      FILE_START,
      {
        header: true,
      },
    )) {
      if (r.fields) products.push({ title: r.fields[1]!, description: r.fields[2] ?? '' });
    }
    const bodies = products.map((p) => JSON.stringify(p));
    const env = cleanEnv({ ...d.env, MODEL_CACHE_DIR: cacheDir });
    const port = await freePort();
    apis.push(await startApi(env, port));
    const url = `http://127.0.0.1:${port}`;
    let n = 0;
    const predictAt = (port: number, extra: Partial<autocannon.Options> = {}) =>
      run({
        url: `http://127.0.0.1:${port}/predict`,
        connections: 50,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
        ...extra,
      });
    const report = (label: string, r: autocannon.Result) =>
      console.log(
        `${label}: ${Math.round(r.requests.average)} req/s; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; errors ${r.errors}, non-2xx ${r.non2xx}`,
      );
    console.log(
      `${os.availableParallelism()} cores; one API process with ${env.INFERENCE_THREADS ?? 'the default'} inference threads`,
    );

    await predictAt(port, { duration: 2 }); // warm-up
    report(
      'GET /models/active (the floor: HTTP and Express, no model work), 50 connections',
      await run({ url: `${url}/models/active`, connections: 50, duration: seconds }),
    );
    report(`POST /predict, 50 connections, closed loop, ${seconds} s`, await predictAt(port));
    report(
      `POST /predict, paced at ${PACED_RATE} req/s over 50 connections`,
      await predictAt(port, { overallRate: PACED_RATE }),
    );

    const batchBody = JSON.stringify({ items: products.slice(0, 100) });
    const batch = await run({
      url: `${url}/predict/batch`,
      connections: 1,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: batchBody,
    });
    console.log(
      `POST /predict/batch (100 products), 1 connection: median ${batch.latency.p50} ms, p99 ${batch.latency.p99} ms; non-2xx ${batch.non2xx}`,
    );

    // Overload: 50 connections as "normal", then a flood from far more clients than MAX_INFLIGHT
    // lets in at once, against this process and one without the bound.
    const limit = /^inference_inflight_limit (\d+)/m.exec(
      await (await fetch(`${url}/metrics`)).text(),
    )?.[1];
    const loadAt = (port: number, extra: Partial<autocannon.Options>) =>
      loadByStatus({
        url: `http://127.0.0.1:${port}/predict`,
        connections: 50,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
        ...extra,
      });
    const normal = await loadAt(port, {});
    const accepted = (r: typeof normal) => r.latencies.get(200) ?? [];
    const refused = (r: typeof normal) => r.latencies.get(503) ?? [];
    const capacity = accepted(normal).length / seconds;
    const flood = { connections: FLOOD_CONNECTIONS };
    const bounded = await loadAt(port, flood);
    const unboundedPort = await freePort();
    const unbounded = await startApi({ ...env, MAX_INFLIGHT: '1000000' }, unboundedPort);
    apis.push(unbounded);
    await predictAt(unboundedPort, { duration: 2 });
    const queued = await loadAt(unboundedPort, flood);
    // Paced beyond the capacity: an open loop, where a refusal does not bring its client back
    // sooner, so the latencies are the server's own rather than connections / throughput.
    const paced: { factor: number; bounded: LoadRun; queued: LoadRun }[] = [];
    for (const factor of PACED_FLOODS) {
      const rate = { ...flood, overallRate: Math.round(factor * capacity) };
      paced.push({
        factor,
        queued: await loadAt(unboundedPort, rate),
        bounded: await loadAt(port, rate),
      });
    }
    unbounded.kill('SIGTERM');
    const others = (r: typeof normal) =>
      [...r.latencies.keys()].filter((s) => s !== 200 && s !== 503).length + r.result.errors;
    console.log(
      [
        `overload, MAX_INFLIGHT ${limit}:`,
        `  normal, 50 connections, closed loop (${Math.round(capacity)} req/s): ${describeLatency(accepted(normal))}; 503 ${refused(normal).length}`,
        `  flood, ${FLOOD_CONNECTIONS} connections, closed loop: accepted ${describeLatency(accepted(bounded))}; 503 ${describeLatency(refused(bounded))}; other answers or errors ${others(bounded)}`,
        `  the same flood without the bound (MAX_INFLIGHT 1000000): ${describeLatency(accepted(queued))}; 503 ${refused(queued).length}; other answers or errors ${others(queued)}`,
        ...paced.flatMap((p) => [
          `  flood paced at ${p.factor} x the capacity (${Math.round(p.factor * capacity)} req/s) over ${FLOOD_CONNECTIONS} connections: accepted ${describeLatency(accepted(p.bounded))}; 503 ${describeLatency(refused(p.bounded))}; other answers or errors ${others(p.bounded)}`,
          `    the same without the bound: ${describeLatency(accepted(p.queued))}; 503 ${refused(p.queued).length}; other answers or errors ${others(p.queued)}`,
        ]),
      ].join('\n'),
    );

    // The same loads with a shadow scoring 10% of requests, on another process.
    const shadowPort = await freePort();
    apis.push(
      await startApi(
        { ...env, SHADOW_VERSION: model.modelVersion, SHADOW_SAMPLE: '0.1' },
        shadowPort,
      ),
    );
    apis[0]!.kill('SIGTERM');
    await predictAt(shadowPort, { duration: 2 });
    report('POST /predict with a shadow on 10%, closed loop', await predictAt(shadowPort));
    report(
      `POST /predict with a shadow on 10%, paced at ${PACED_RATE} req/s`,
      await predictAt(shadowPort, { overallRate: PACED_RATE }),
    );
  } finally {
    for (const api of apis) api.kill('SIGTERM');
    await d.stop();
    await test.stop();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
