import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createApiService } from '../api/service';
import type { ApiService } from '../api/service';
import { createToken, revokeToken } from '../core/auth/tokens';
import type { Config } from '../core/config/config';
import { createLogger } from '../core/logging/logger';
import type { TrainModelInput } from '../core/contracts/train-model';
import { cleanEnv, runCli } from './helpers/cli';
import { until } from './helpers/until';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

describe('the prediction API on the real stack', () => {
  let d: TrainingDeployment;
  let cacheDir: string;
  const services: { service: ApiService; server: ReturnType<ApiService['app']['listen']> }[] = [];

  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-model-cache-'));
  });
  after(async () => {
    for (const { service, server } of services) {
      server.close();
      await service.stop();
    }
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await d?.stop();
  });

  async function serve(serving: Partial<Config['serving']> = {}, predictRequireToken = false) {
    const config: Config = {
      ...d.config,
      api: { ...d.config.api, predictRequireToken },
      serving: { ...d.config.serving, cacheDir, pollSeconds: 1, ...serving },
    };
    const service = createApiService({
      config,
      db: d.db,
      store: d.store,
      connection: d.connection,
      client: d.client,
      logger: createLogger({ format: 'json', level: 'silent' }, 'api'),
    });
    const server = service.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    services.push({ service, server });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { service, base };
  }

  const post = (base: string, route: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const train = (input: Partial<TrainModelInput>) =>
    d.train({ families: ['cnb', 'svm'] as TrainModelInput['families'], ...input });

  it('serves the champion, refuses bad input with one error shape, guards operations, logs and exports metrics', async () => {
    const { service, base } = await serve();

    // Before any model: 503 with Retry-After, and not ready.
    const early = await post(base, '/predict', { title: 'Piscine tubulaire' });
    assert.equal(early.status, 503);
    assert.ok(early.headers.get('retry-after'));
    const earlyBody = (await early.json()) as { error: { code: string; message: string } };
    assert.equal(earlyBody.error.code, 'no_model');
    assert.equal((await fetch(`${base}/ready`)).status, 503);

    // The first model: promoted, announced, fetched, verified and switched in.
    const first = await train({ trainFraction: 0.5 });
    assert.equal(first.promoted, true);
    await until('the champion to load', async () => (await fetch(`${base}/ready`)).status === 200);

    const res = await post(base, '/predict', {
      designation: 'Piscine tubulaire 300 x 76 cm avec pompe',
      description: '<p>Bâche de protection</p>',
      extra: 'ignored',
    });
    assert.equal(res.status, 200);
    const p = (await res.json()) as {
      category_code: number;
      category: string;
      confidence: number;
      top_k: { code: number; category: string; confidence: number }[];
      model_version: string;
    };
    assert.equal(p.model_version, first.modelVersion);
    assert.equal(p.top_k.length, 3);
    assert.equal(p.top_k[0]!.code, p.category_code);
    assert.ok(p.confidence > 0 && p.confidence <= 1);
    assert.equal(typeof p.category, 'string');

    const batch = await post(base, '/predict/batch', {
      items: [{ title: 'Livre de cuisine' }, { title: 'Console de jeux', description: null }],
    });
    assert.equal(batch.status, 200);
    const b = (await batch.json()) as { predictions: unknown[]; model_version: string };
    assert.equal(b.predictions.length, 2);
    assert.equal(b.model_version, first.modelVersion);

    // Bad input: 4xx with the shared shape, never 500.
    const cases: [string, string, unknown, number, Record<string, string>?][] = [
      ['invalid JSON', '/predict', '{"title": ', 400],
      ['wrong type', '/predict', { title: 5 }, 400],
      ['empty title', '/predict', { title: '   ' }, 400],
      ['title too long', '/predict', { title: 'x'.repeat(1_001) }, 400],
      ['description too long', '/predict', { title: 'ok', description: 'x'.repeat(20_001) }, 400],
      ['body over 1 MB', '/predict', { title: 'ok', description: 'x'.repeat(1_100_000) }, 413],
      ['wrong content type', '/predict', 'title=x', 415, { 'content-type': 'text/plain' }],
      ['batch too large', '/predict/batch', { items: Array(1_001).fill({ title: 'a' }) }, 400],
      ['batch not a list', '/predict/batch', { items: 'a' }, 400],
    ];
    for (const [name, route, body, status, headers] of cases) {
      const bad = await post(base, route, body, headers);
      assert.equal(bad.status, status, name);
      const shape = (await bad.json()) as {
        error: { code: string; message: string; details: unknown };
      };
      assert.equal(typeof shape.error.code, 'string', name);
      assert.ok(shape.error.message.length > 0, name);
      assert.ok('details' in shape.error, name);
    }
    const typed = (await (await post(base, '/predict', { title: 5 })).json()) as {
      error: { details: { field: string }[] };
    };
    assert.equal(typed.error.details[0]!.field, 'title');

    // Operations need a bearer token, and a revoked one stops working at once.
    assert.equal((await post(base, '/models/rollback', { reason: 'x' })).status, 401);
    const { token } = await createToken(d.db, 'ops-test');
    const auth = { authorization: `Bearer ${token}` };
    assert.equal(
      (await post(base, '/models/rollback', { reason: 'x' }, { authorization: 'Bearer nope' }))
        .status,
      401,
    );
    const noPrevious = await post(base, '/models/rollback', { reason: 'x' }, auth);
    assert.equal(noPrevious.status, 409);
    const unknown = await post(base, '/models/m-19990101-0001/promote', { reason: 'x' }, auth);
    assert.equal(unknown.status, 404);
    const promoted = await post(
      base,
      `/models/${first.modelVersion}/promote`,
      { reason: 'again' },
      auth,
    );
    assert.equal(promoted.status, 200);
    await revokeToken(d.db, 'ops-test');
    assert.equal((await post(base, '/models/rollback', { reason: 'x' }, auth)).status, 401);
    // The CLI makes tokens too; the audit log names the token that promoted.
    const created = await runCli(['tokens', 'create', 'cli-made'], cleanEnv(d.env));
    assert.equal(created.code, 0, created.stderr);
    const cliToken = created.stdout.trim();
    const byCli = await post(
      base,
      `/models/${first.modelVersion}/promote`,
      { reason: 'cli token' },
      {
        authorization: `Bearer ${cliToken}`,
      },
    );
    assert.equal(byCli.status, 200);
    const revoked = await runCli(['tokens', 'revoke', 'cli-made'], cleanEnv(d.env));
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(
      (
        await post(
          base,
          '/models/rollback',
          { reason: 'x' },
          { authorization: `Bearer ${cliToken}` },
        )
      ).status,
      401,
    );
    const retrain = await post(
      base,
      '/retrain',
      { reason: 'api test' },
      { authorization: `Bearer ${(await createToken(d.db, 'retrainer')).token}` },
    );
    assert.equal(retrain.status, 202);

    // Registry reads.
    const models = (await (await fetch(`${base}/models`)).json()) as {
      version: string;
      champion: boolean;
    }[];
    assert.deepEqual(
      models.filter((m) => m.champion).map((m) => m.version),
      [first.modelVersion],
    );
    const active = (await (await fetch(`${base}/models/active`)).json()) as { version: string };
    assert.equal(active.version, first.modelVersion);
    const card = (await (await fetch(`${base}/models/${first.modelVersion}`)).json()) as {
      card: { holdout: unknown };
    };
    assert.ok(card.card.holdout);
    const report = await fetch(`${base}/models/${first.modelVersion}/report`);
    assert.equal(report.status, 200);
    assert.match(await report.text(), /<svg/);
    assert.equal((await fetch(`${base}/models/m-19990101-0001`)).status, 404);
    const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string };
    assert.equal(openapi.openapi, '3.1.0');

    // The prediction log, written in batches off the response path.
    await until('prediction log rows', async () => {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM prediction_log`.execute(
        d.db,
      );
      return Number(rows[0]!.n) >= 3;
    });
    const logged = await d.db
      .selectFrom('prediction_log')
      .selectAll()
      .orderBy('id')
      .executeTakeFirstOrThrow();
    assert.equal(logged.model_version, first.modelVersion);
    assert.match(logged.input_sha256, /^[0-9a-f]{64}$/);
    assert.ok(logged.latency_ms > 0);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'http_request_duration_ms_bucket',
      'prediction_latency_ms_bucket',
      'prediction_confidence_bucket',
      'predictions_total',
      `model_active_info{version="${first.modelVersion}"} 1`,
      'model_load_seconds',
      'model_load_failures_total',
      'prediction_log_dropped_total',
      'inference_inflight_products',
      'process_cpu_user_seconds_total',
    ]) {
      assert.ok(metrics.includes(name), name);
    }

    // An inference thread dying under a request: that request is told to retry, the thread is
    // replaced with the champion loaded, and the next request is served.
    // Long titles, so that the batch keeps the threads busy for a good while.
    const words = 'piscine tubulaire bache pompe filtre echelle liner skimmer '.repeat(11);
    const items = Array.from({ length: 1000 }, (_, i) => ({ title: `${i} ${words}` }));
    const dying = post(base, '/predict/batch', { items });
    for (let i = 0; ; i++) {
      const text = await (await fetch(`${base}/metrics`)).text();
      if (!/^inference_inflight_products 0$/m.test(text)) break;
      assert.ok(i < 2000, 'the batch never reached the threads');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // A message no thread understands kills it, as a bug in the thread would.
    service.pool['threads'][0]!.worker.postMessage({ type: 'not-a-message' });
    const failed = await dying;
    assert.equal(failed.status, 503);
    assert.equal(failed.headers.get('retry-after'), '1');
    assert.equal(
      ((await failed.json()) as { error: { code: string } }).error.code,
      'inference_unavailable',
    );
    const again = await post(base, '/predict/batch', { items });
    assert.equal(again.status, 200);
    assert.match(
      await (await fetch(`${base}/metrics`)).text(),
      /^inference_thread_restarts_total 1$/m,
    );
  });

  it('swaps models under load with no failed request, and shadows a challenger off the response path', async () => {
    const { base } = await serve();
    await until('a model', async () => (await fetch(`${base}/ready`)).status === 200);
    const before = (await (await fetch(`${base}/models/active`)).json()) as { version: string };
    // A candidate the gate keeps out (its floor is out of reach), so an operator swaps it in.
    const next = await train({ trainFraction: 0.9, seed: 3, gate: { floor: 0.99 } });
    assert.equal(next.promoted, false);
    // autocannon drives the load (a fetch loop in this process could not keep 200 req/s on two
    // cores while the server shares them); each answer's version is kept, in order.
    const results: { status: number; version?: string; at: number }[] = [];
    const started = Date.now();
    const body = JSON.stringify({ title: 'Jeu de société pour enfants' });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const load = autocannon(
      {
        url: `${base}/predict`,
        connections: 16,
        duration: 60,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            onResponse: (status: number, text: string) => {
              const parsed = JSON.parse(text) as { model_version?: string };
              results.push({ status, version: parsed.model_version, at: Date.now() - started });
            },
          },
        ],
      },
      () => done(),
    );
    const stopLoad = async () => {
      load.stop();
      await finished;
    };
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    {
      const { token } = await createToken(d.db, 'swapper');
      const swap = await post(
        base,
        `/models/${next.modelVersion}/promote`,
        { reason: 'swap under load' },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(swap.status, 200);
      const event = await d.db
        .selectFrom('model_events')
        .selectAll()
        .where('kind', '=', 'promoted')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(event.actor, 'api:swapper');
      assert.equal(event.reason, 'swap under load');
    }
    try {
      await until('the swap', () => Promise.resolve(results.at(-1)?.version === next.modelVersion));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await stopLoad();
    }
    const seconds = (results.at(-1)!.at - results[0]!.at) / 1000;
    assert.ok(results.length / seconds >= 200, `${Math.round(results.length / seconds)} req/s`);
    assert.deepEqual(
      results.filter((r) => r.status !== 200),
      [],
    );
    const firstNew = results.findIndex((r) => r.version === next.modelVersion);
    assert.ok(firstNew > 0, 'the old version served first');
    assert.ok(results.slice(0, firstNew).every((r) => r.version === before.version));
    // After the first answer from the new version, only in-flight requests may finish on the old.
    const lateOld = results.slice(firstNew + 16).filter((r) => r.version !== next.modelVersion);
    assert.deepEqual(lateOld, []);

    // Shadow: the previous champion scores every request, off the response path.
    const shadowed = await serve({ shadowVersion: before.version, shadowSample: 1 });
    await until('the shadow', async () => {
      const a = (await (await fetch(`${shadowed.base}/models/active`)).json()) as {
        shadow: unknown;
      };
      return a.shadow !== null && a.shadow !== undefined;
    });
    for (let i = 0; i < 20; i++) {
      const res = await post(shadowed.base, '/predict', { title: `Livre ${i}` });
      assert.equal(res.status, 200);
      assert.equal(
        ((await res.json()) as { model_version: string }).model_version,
        next.modelVersion,
      );
    }
    await until('shadow rows in the log', async () => {
      const rows = await d.db
        .selectFrom('prediction_log')
        .select('shadow_version')
        .where('shadow_version', '=', before.version)
        .execute();
      return rows.length >= 20;
    });
    const metrics = await (await fetch(`${shadowed.base}/metrics`)).text();
    assert.match(metrics, /shadow_agreement_ratio \d/);

    // The shadow promoted: it stops being the shadow (the newest other candidate takes its
    // place) and goes on serving as the champion.
    const newest = await serve({ shadowVersion: 'newest-candidate', shadowSample: 1 });
    const active = async () =>
      (await (await fetch(`${newest.base}/models/active`)).json()) as {
        version: string;
        shadow: { version: string } | null;
      };
    const shadow = await until('a shadow', async () => (await active()).shadow?.version);
    const { token: promoter } = await createToken(d.db, 'promoter');
    const promoted = await post(
      newest.base,
      `/models/${shadow}/promote`,
      { reason: 'the shadow did well' },
      { authorization: `Bearer ${promoter}` },
    );
    assert.equal(promoted.status, 200, await promoted.text());
    await until('the shadow serving, another version shadowing', async () => {
      const a = await active();
      return a.version === shadow && a.shadow !== null && a.shadow.version !== shadow;
    });
    for (let i = 0; i < 20; i++) {
      const res = await post(newest.base, '/predict', { designation: `Livre ${i}` });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.equal((JSON.parse(text) as { model_version: string }).model_version, shadow);
    }
  });
});
