import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../core/config/config';
import type { TrainModelInput } from '../core/contracts/train-model';
import { freePort } from '../core/ports';
import { cleanEnv } from './helpers/cli';
import { describeLatency, loadByStatus, percentile } from './helpers/load';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';
import { until } from './helpers/until';

installQuietRuntime();

const BIN = path.join(PROJECT_ROOT, 'bin', 'rakuten.js');

/** MAX_INFLIGHT against a real `rakuten api` process, in a process of its own as in production. */
describe('the API under a flood', () => {
  let d: TrainingDeployment;
  let cacheDir: string;
  const apis: ChildProcess[] = [];

  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-model-cache-'));
    const model = await d.train({ families: ['cnb'] as TrainModelInput['families'] });
    assert.equal(model.promoted, true);
  });
  after(async () => {
    for (const api of apis) {
      api.kill('SIGTERM');
      if (api.exitCode === null && api.signalCode === null) await once(api, 'exit');
    }
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await d?.stop();
  });

  /** `rakuten api` with one inference thread, so that the thread, not HTTP, is the bottleneck. */
  async function startApi(maxInflight: number): Promise<{ base: string; api: ChildProcess }> {
    const port = await freePort();
    const api = spawn(process.execPath, [BIN, 'api'], {
      env: cleanEnv({
        ...d.env,
        API_PORT: String(port),
        MODEL_CACHE_DIR: cacheDir,
        INFERENCE_THREADS: '1',
        MAX_INFLIGHT: String(maxInflight),
        LOG_LEVEL: 'warn',
      }),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    apis.push(api);
    const base = `http://127.0.0.1:${port}`;
    await until('the API process to serve', async () => (await fetch(`${base}/ready`)).ok, {
      ignoreErrors: true,
      ms: 60_000,
    });
    return { base, api };
  }

  // Long descriptions: each product costs the thread a few milliseconds, as real ones can.
  const bodies = Array.from({ length: 64 }, (_, i) =>
    JSON.stringify({
      designation: `Piscine tubulaire ${i} x 76 cm`,
      description: `Bâche ${i}, pompe de filtration, échelle et tapis de sol. `.repeat(40),
    }),
  );
  let n = 0;
  let refusal: { headers: Record<string, string>; body: string } | undefined;
  const load = (base: string, options: { connections: number; duration: number }) =>
    loadByStatus({
      url: `${base}/predict`,
      ...options,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }),
          onResponse: (status, body, _context, headers = {}) => {
            if (status !== 503 || refusal) return;
            const lower = Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]);
            refusal = { headers: Object.fromEntries(lower) as Record<string, string>, body };
          },
        },
      ],
    });

  /** The most products seen in flight in the API's threads while `during` runs. */
  async function peakInflight<T>(base: string, during: Promise<T>): Promise<[T, number]> {
    let peak = 0;
    let done = false;
    const sampling = (async () => {
      while (!done) {
        const text = await (await fetch(`${base}/metrics`)).text();
        peak = Math.max(peak, Number(/^inference_inflight_products (\d+)/m.exec(text)?.[1]));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const result = await during.finally(() => (done = true));
    await sampling;
    return [result, peak];
  }

  it('answers a flood beyond MAX_INFLIGHT with fast 503s, and the accepted requests stay fast', async () => {
    const bounded = await startApi(4);
    const unbounded = await startApi(1_000_000);
    await load(bounded.base, { connections: 4, duration: 2 }); // warm-up
    await load(unbounded.base, { connections: 4, duration: 2 });
    // Normal: as many requests at once as MAX_INFLIGHT allows, so none is refused.
    const normal = await load(bounded.base, { connections: 4, duration: 4 });
    const normalOk = normal.latencies.get(200) ?? [];
    const capacity = normalOk.length / 4;
    // A flood: 64 clients, each sending again as soon as it is answered, 16 times as many
    // requests at once as MAX_INFLIGHT; first at a server without the bound, where every one
    // queues, then at the bounded one.
    const flood = { connections: 64, duration: 6 };
    const [unboundedRun, queuedPeak] = await peakInflight(
      unbounded.base,
      load(unbounded.base, flood),
    );
    const queued = unboundedRun.latencies.get(200) ?? [];
    const [run, peak] = await peakInflight(bounded.base, load(bounded.base, flood));
    const accepted = run.latencies.get(200) ?? [];
    const refused = run.latencies.get(503) ?? [];
    const figures =
      `normal (${Math.round(capacity)} req/s) ${describeLatency(normalOk)}; flood of 64 ` +
      `clients: accepted ${describeLatency(accepted)}, 503 ${describeLatency(refused)}; ` +
      `the same flood without MAX_INFLIGHT ${describeLatency(queued)}; most products in ` +
      `flight ${peak} with the bound, ${queuedPeak} without`;
    console.log(figures);
    assert.deepEqual([...normal.latencies.keys()], [200], figures);
    assert.deepEqual([...run.latencies.keys()].sort(), [200, 503], figures);
    assert.equal(run.result.errors, 0, figures);
    // Refused at once, before Express, with the headers every answer carries.
    assert.equal(refusal?.headers['retry-after'], '1');
    assert.equal(refusal.headers['x-content-type-options'], 'nosniff');
    assert.match(refusal.headers['content-security-policy'] ?? '', /default-src 'none'/);
    assert.equal(
      (JSON.parse(refusal.body) as { error: { code: string } }).error.code,
      'overloaded',
    );
    // The work admitted never queues deeper than MAX_INFLIGHT; without the bound it queues
    // behind every client.
    assert.ok(peak <= 4, figures);
    assert.ok(queuedPeak >= 16, figures);
    // Loose, for two busy cores: the flood costs CPU, and these cores are shared with other
    // runs; the accepted requests are faster than queued ones all the same.
    assert.ok(
      percentile(accepted, 50) < percentile(queued, 50),
      `the bound keeps the accepted requests out of the queue: ${figures}`,
    );
    assert.ok(percentile(refused, 50) < percentile(accepted, 50), `503s are fast: ${figures}`);
    const metrics = await (await fetch(`${bounded.base}/metrics`)).text();
    const counted = Number(/^inference_overload_rejections_total (\d+)/m.exec(metrics)?.[1]);
    assert.ok(counted >= refused.length, `${counted} counted, ${refused.length} seen`);
    assert.match(metrics, /^inference_inflight_limit 4$/m);
  });
});
