import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import autocannon from 'autocannon';
import { defaultPayloadConverter } from '@temporalio/common';
import { sql } from 'kysely';
import { PAGE_POLICIES } from '../api/security-headers';
import { createApiService } from '../api/service';
import type { ApiService } from '../api/service';
import type { Scope } from '../core/auth/scopes';
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

const OPERATE = { scope: 'operate' } as const;

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
    const server = service.listen(0, '127.0.0.1');
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
    const { token } = await createToken(d.db, 'ops-test', OPERATE);
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
    const created = await runCli(
      ['tokens', 'create', 'cli-made', '--scope', 'operate'],
      cleanEnv(d.env),
    );
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
      { authorization: `Bearer ${(await createToken(d.db, 'retrainer', OPERATE)).token}` },
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
    // Under MAX_BATCH_CHARS (500,000) all the same.
    const words = 'piscine tubulaire bache pompe filtre echelle liner skimmer '.repeat(7);
    const items = Array.from({ length: 1000 }, (_, i) => ({ title: `${i} ${words}` }));
    const dying = post(base, '/predict/batch', { items });
    // Watched in this process rather than through /metrics, so the kill follows thread 0's share
    // within a turn of the event loop, long before that thread can score its 500 products.
    const thread0 = service.pool['threads'][0]!;
    const deadline = Date.now() + 30_000;
    while (Atomics.load(thread0.unfinished, 0) === 0) {
      assert.ok(Date.now() < deadline, 'the batch never reached the threads');
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A message no thread understands kills it, as a bug in the thread would.
    thread0.worker.postMessage({ type: 'not-a-message' });
    const failed = await dying;
    assert.equal(failed.status, 503);
    assert.equal(failed.headers.get('retry-after'), '1');
    assert.equal(
      ((await failed.json()) as { error: { code: string } }).error.code,
      'inference_unavailable',
    );
    // The other thread's share of the batch still runs, and counts against MAX_INFLIGHT.
    await until('the threads to drain', async () =>
      /^inference_inflight_products 0$/m.test(await (await fetch(`${base}/metrics`)).text()),
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
      const { token } = await createToken(d.db, 'swapper', OPERATE);
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
    // Real load, not a trickle; on two cores shared with other test runs, 100 is what holds.
    assert.ok(results.length / seconds >= 100, `${Math.round(results.length / seconds)} req/s`);
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
    const { token: promoter } = await createToken(d.db, 'promoter', OPERATE);
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

  it('needs scope operate to change what serves, and names the token in the audit log', async () => {
    const { base } = await serve();
    await until('a model', async () => (await fetch(`${base}/ready`)).status === 200);
    const versions = (await d.db.selectFrom('model_versions').select('version').execute()).map(
      (v) => v.version,
    );
    assert.ok(versions.length >= 2, 'the tests above registered two versions at least');
    const bearer = async (name: string, scope: Scope, expiresAt?: Date) => ({
      authorization: `Bearer ${(await createToken(d.db, name, { scope, expiresAt })).token}`,
    });
    const predictOnly = await bearer('scope-predict', 'predict');
    const operator = await bearer('scope-operate', 'operate');
    const admin = await bearer('scope-admin', 'admin');
    const events = async () =>
      d.db.selectFrom('model_events').selectAll().orderBy('id', 'desc').execute();
    const eventsBefore = (await events()).length;

    // A prediction client: 403 on every operation, naming the scope needed, and nothing moves.
    for (const [route, body] of [
      [`/models/${versions[0]}/promote`, { reason: 'predict token' }],
      ['/models/rollback', { reason: 'predict token' }],
      ['/retrain', { reason: 'predict token' }],
    ] as const) {
      const refused = await post(base, route, body, predictOnly);
      assert.equal(refused.status, 403, route);
      assert.equal(
        refused.headers.get('www-authenticate'),
        'Bearer error="insufficient_scope", scope="operate"',
      );
      const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'forbidden');
      assert.match(error.message, /needs a token of scope operate or admin/);
    }
    assert.equal((await events()).length, eventsBefore, 'a refused operation left no event');

    // operate and admin may: the events name the token that did it.
    for (const [headers, name] of [
      [operator, 'scope-operate'],
      [admin, 'scope-admin'],
    ] as const) {
      const champion = await d.db
        .selectFrom('model_aliases')
        .select('version')
        .where('alias', '=', 'champion')
        .executeTakeFirstOrThrow();
      const target = versions.find((v) => v !== champion.version)!;
      const promoted = await post(base, `/models/${target}/promote`, { reason: name }, headers);
      assert.equal(promoted.status, 200, await promoted.text());
      const rolledBack = await post(base, '/models/rollback', { reason: `${name} back` }, headers);
      assert.equal(rolledBack.status, 200, await rolledBack.text());
      const [rollback, promotion] = await events();
      assert.equal(rollback!.kind, 'rolled_back');
      assert.equal(rollback!.actor, `api:${name}`);
      assert.equal(rollback!.reason, `${name} back`);
      assert.equal(promotion!.actor, `api:${name}`);
    }

    // A retraining asked for by a token: the controller's signal says who asked.
    const retrain = await post(base, '/retrain', { reason: 'scoped retrain' }, operator);
    assert.equal(retrain.status, 202);
    const { controller } = (await retrain.json()) as { controller: string };
    const asked = await until('the signal in the controller history', async () => {
      const history = await d.client.workflow.getHandle(controller).fetchHistory();
      return history.events
        ?.map((e) => e.workflowExecutionSignaledEventAttributes)
        .filter((a) => a?.signalName === 'retrainRequested')
        .map((a) => defaultPayloadConverter.fromPayload(a!.input!.payloads![0]!))
        .find((input) => (input as { reason?: string }).reason === 'scoped retrain');
    });
    assert.deepEqual(asked, { by: 'api:scope-operate', reason: 'scoped retrain' });

    // An expired token and a revoked one: 401, as an unknown token.
    const expiring = await bearer('scope-expiring', 'admin', new Date(Date.now() + 60_000));
    await d.db
      .updateTable('api_tokens')
      .set({ expires_at: sql<Date>`now()` })
      .where('name', '=', 'scope-expiring')
      .execute();
    await revokeToken(d.db, 'scope-admin');
    for (const [headers, message] of [
      [expiring, /expired/],
      [admin, /revoked/],
    ] as const) {
      const refused = await post(base, '/models/rollback', { reason: 'dead token' }, headers);
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      assert.match(
        ((await refused.json()) as { error: { message: string } }).error.message,
        message,
      );
    }

    // Texts have a maximum length: a reason is a sentence.
    const long = await post(base, '/models/rollback', { reason: 'x'.repeat(501) }, operator);
    assert.equal(long.status, 400);
    assert.match(await long.text(), /reason: must be at most 500 characters/);
    const control = await post(base, '/retrain', { reason: 'nul \u0000 byte' }, operator);
    assert.equal(control.status, 400);
    assert.match(await control.text(), /control characters/);
    const longVersion = await post(
      base,
      `/models/${'m'.repeat(65)}/promote`,
      { reason: 'x' },
      operator,
    );
    assert.equal(longVersion.status, 400);
  });

  it('with PREDICT_REQUIRE_TOKEN, predicts for a token of scope predict or higher only', async () => {
    const { base } = await serve({}, true);
    await until('a model', async () => (await fetch(`${base}/ready`)).status === 200);
    const product = { designation: 'Livre de recettes' };
    const none = await post(base, '/predict', product);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    const client = await createToken(d.db, 'predict-client', { scope: 'predict' });
    const auth = { authorization: `Bearer ${client.token}` };
    assert.equal((await post(base, '/predict', product, auth)).status, 200);
    assert.equal((await post(base, '/predict/batch', { items: [product] }, auth)).status, 200);
    const operator = await createToken(d.db, 'predict-operator', OPERATE);
    const higher = { authorization: `Bearer ${operator.token}` };
    assert.equal((await post(base, '/predict', product, higher)).status, 200);
    // The token is checked before the body is read: a bad body without a token is a 401.
    assert.equal((await post(base, '/predict', '{"broken', {})).status, 401);
    await d.db
      .updateTable('api_tokens')
      .set({ expires_at: sql<Date>`now()` })
      .where('name', '=', 'predict-client')
      .execute();
    assert.equal((await post(base, '/predict', product, auth)).status, 401);
  });

  it('tells anonymous callers statuses and public fields only, operators everything', async () => {
    const { base } = await serve();
    await until('a model', async () => (await fetch(`${base}/ready`)).status === 200);
    const operator = {
      authorization: `Bearer ${(await createToken(d.db, 'reader-operate', OPERATE)).token}`,
    };
    const predictOnly = {
      authorization: `Bearer ${(await createToken(d.db, 'reader-predict', { scope: 'predict' })).token}`,
    };
    type Health = { components: Record<string, Record<string, unknown>> };
    const health = async (headers: Record<string, string> = {}) =>
      (await (await fetch(`${base}/health`, { headers })).json()) as Health;

    for (const anonymous of [await health(), await health(predictOnly)]) {
      for (const [name, c] of Object.entries(anonymous.components)) {
        assert.deepEqual(Object.keys(c).sort(), ['latencyMs', 'status'], name);
      }
    }
    const full = await health(operator);
    const texts = Object.values(full.components).map((c) => c.detail ?? c.error);
    assert.ok(
      texts.every((t) => typeof t === 'string' && t.length > 0),
      JSON.stringify(full),
    );
    assert.equal(
      (await fetch(`${base}/health`, { headers: { authorization: 'Bearer rk_forged' } })).status,
      401,
    );

    const champion = (await (await fetch(`${base}/models/active`)).json()) as { version: string };
    const detail = async (headers: Record<string, string> = {}) =>
      (await (await fetch(`${base}/models/${champion.version}`, { headers })).json()) as Record<
        string,
        unknown
      > & { card: Record<string, unknown> };
    const internal = ['workflow_id', 'git_commit', 'artifacts', 'artifact_sha256'];
    for (const open of [await detail(), await detail(predictOnly)]) {
      for (const key of internal) assert.ok(!(key in open), key);
      assert.ok(!('packages' in open.card));
      assert.ok(open.card.holdout, 'the card is there, less its library versions');
      assert.equal(open.version, champion.version);
      assert.doesNotMatch(JSON.stringify(open), /\.onnx|featurizer\.json|trainModel|train-/);
    }
    const operated = await detail(operator);
    for (const key of internal) assert.ok(key in operated, key);
    assert.match(JSON.stringify(operated.artifacts), /model\.onnx/);
    assert.ok(operated.card.packages);
  });

  it('sets security headers on every answer, and a CSP fit for each page', async () => {
    const { base } = await serve({ maxBatchChars: 5_000 });
    await until('a model', async () => (await fetch(`${base}/ready`)).status === 200);
    const champion = (await (await fetch(`${base}/models/active`)).json()) as { version: string };
    const drift = await d.db.selectFrom('drift_reports').select('id').executeTakeFirst();
    const answers: [string, Response][] = [
      ['GET /models', await fetch(`${base}/models`)],
      ['GET /nowhere', await fetch(`${base}/nowhere`)],
      ['POST /predict', await post(base, '/predict', { designation: 'Livre' })],
      ['POST /predict 400', await post(base, '/predict', { designation: 5 })],
      ['GET /metrics', await fetch(`${base}/metrics`)],
      ['GET /docs/init.js', await fetch(`${base}/docs/init.js`)],
      ['GET /docs', await fetch(`${base}/docs`)],
      ['GET report', await fetch(`${base}/models/${champion.version}/report`)],
    ];
    for (const [what, res] of answers) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
      assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin', what);
      assert.equal(res.headers.get('x-powered-by'), null, what);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, what);
      assert.match(csp, /default-src 'none'/, what);
      assert.doesNotMatch(csp, /unsafe-eval/, what);
    }
    const csp = (name: string) =>
      answers.find(([what]) => what === name)![1].headers.get('content-security-policy')!;
    assert.equal(csp('GET /models'), csp('GET /nowhere'));
    assert.doesNotMatch(csp('GET /models'), /script-src|style-src/, 'JSON may load nothing');
    // The reports: their inline <style>, no script at all.
    assert.equal(csp('GET report'), PAGE_POLICIES.report);
    assert.match(csp('GET report'), /style-src 'unsafe-inline'/);
    assert.doesNotMatch(csp('GET report'), /script-src/);
    // Swagger UI: scripts and styles from this origin only, never inline.
    assert.equal(csp('GET /docs'), PAGE_POLICIES.docs);
    assert.match(csp('GET /docs'), /script-src 'self';/);
    assert.doesNotMatch(csp('GET /docs'), /unsafe-inline/);
    if (drift) {
      const page = await fetch(`${base}/drift/${encodeURIComponent(drift.id)}/report`);
      if (page.status === 200) {
        assert.equal(page.headers.get('content-security-policy'), PAGE_POLICIES.report);
      }
    }

    // A batch over MAX_BATCH_CHARS: 413, before any inference.
    const item = (n: number) => ({ designation: 'Livre', description: 'x'.repeat(n) });
    const over = await post(base, '/predict/batch', { items: Array(10).fill(item(500)) });
    assert.equal(over.status, 413);
    const error = ((await over.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'batch_too_large');
    assert.match(error.message, /the items hold 5050 characters, over the 5000 a batch may hold/);
    const under = await post(base, '/predict/batch', { items: Array(10).fill(item(490)) });
    assert.equal(under.status, 200);
  });
});
