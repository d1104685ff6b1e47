import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createApiService } from '../api/service';
import type { ApiService } from '../api/service';
import { createToken } from '../core/auth/tokens';
import type { Config } from '../core/config/config';
import type { TrainModelInput } from '../core/contracts/train-model';
import { createLogger } from '../core/logging/logger';
import type { driftCheck } from '../workflows';
import { sharedStackConfig } from './helpers/shared-stack';
import { until } from './helpers/until';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

type Json = Record<string, unknown>;

/** Walks into a JSON value; undefined where the path does not exist. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let here = value;
  for (const key of keys) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

/** The parts of Express's router this test reads: a route, or a router mounted in another. */
interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every `method path` the app routes, nested routers included, paths in OpenAPI syntax. */
function servedOperations(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const route = layer.route;
      const template = (prefix + route.path).replace(/:(\w+)/g, '{$1}');
      return Object.keys(route.methods)
        .filter((m) => m !== '_all')
        .map((method) => `${method} ${template}`);
    }
    if (!layer.handle.stack) return [];
    assert.ok(typeof layer.rawPath === 'string', 'a router is mounted at one path');
    return servedOperations(layer.handle.stack, prefix + layer.rawPath.replace(/\/$/, ''));
  });
}

function documentedOperations(doc: unknown): string[] {
  return Object.entries(at(doc, 'paths') as Json).flatMap(([template, item]) =>
    Object.keys(item as Json).map((method) => `${method} ${template}`),
  );
}

// A JSON Pointer as a URI fragment: `~` and `/` escaped, then percent-encoded (for `{`, `}`).
const pointer = (...keys: string[]) =>
  keys.map((k) => encodeURIComponent(k.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

describe('the OpenAPI document against the routes the app serves', () => {
  let d: TrainingDeployment;
  let cacheDir: string;
  let service: ApiService;
  let server: Server;
  let base: string;
  let doc: Json;
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  /** The (operation, status) pairs the real service was seen to answer. */
  const answered = new Set<string>();

  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-model-cache-'));
    const config: Config = {
      ...d.config,
      api: { ...d.config.api, predictRequireToken: false },
      serving: { ...d.config.serving, cacheDir, pollSeconds: 1 },
    };
    service = createApiService({
      config,
      db: d.db,
      store: d.store,
      connection: d.connection,
      client: d.client,
      logger: createLogger({ format: 'json', level: 'silent' }, 'api'),
    });
    server = service.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    doc = (await (await fetch(`${base}/openapi.json`)).json()) as Json;
    // The document's own keys and OpenAPI's `example` are annotations, not unknown keywords.
    ajv.addVocabulary([...Object.keys(doc), 'example']);
    ajv.addSchema(doc, 'openapi.json');
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await service?.stop();
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await d?.stop();
  });

  /**
   * Calls one documented operation, `template` filled with `params`, and checks the answer
   * against the document: the status is documented, the media type is, the JSON body matches
   * its schema and every documented header is sent.
   */
  async function call(
    method: 'get' | 'post' | 'delete',
    template: string,
    options: {
      params?: Record<string, string>;
      /** A query string, `?a=1`: not part of the template the document is looked up by. */
      query?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ status: number; body: unknown; res: Response }> {
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(options.params?.[name] ?? assert.fail(`no value for {${name}}`)),
    );
    const res = await fetch(base + url + (options.query ?? ''), {
      method: method.toUpperCase(),
      headers: {
        ...(method !== 'get' && { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const where = `${method.toUpperCase()} ${template} → ${res.status}`;
    const documented = at(doc, 'paths', template, method, 'responses', String(res.status));
    assert.ok(documented, `${where} is documented`);
    answered.add(`${method} ${template} ${res.status}`);

    const media = Object.keys(at(documented, 'content') as Json);
    const type = res.headers.get('content-type') ?? '';
    const matched = media.find((m) => type.startsWith(m));
    assert.ok(matched, `${where}: content-type ${type} is one of ${media.join(', ')}`);
    for (const header of Object.keys(at(documented, 'headers') ?? {})) {
      assert.ok(res.headers.has(header), `${where} sends ${header}`);
    }
    if (matched !== 'application/json') return { status: res.status, body: await res.text(), res };

    const body: unknown = await res.json();
    const responsePath = ['paths', template, method, 'responses', String(res.status)];
    const validate = ajv.getSchema(
      `openapi.json#/${pointer(...responsePath, 'content', 'application/json', 'schema')}`,
    );
    assert.ok(validate, `${where}: the schema compiles`);
    assert.ok(
      validate(body),
      `${where}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2_000)}`,
    );
    return { status: res.status, body, res };
  }

  const train = (input: Partial<TrainModelInput>) =>
    d.train({ families: ['cnb'] as TrainModelInput['families'], ...input });

  it('validates against the OpenAPI 3.1 schema, every $ref resolving', async () => {
    const result = await new Validator().validate(doc);
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
    assert.equal(doc.openapi, '3.1.0');
  });

  it('documents exactly the routes the app serves, each once with its own operationId', () => {
    const app = service.app as unknown as { router: { stack: Layer[] } };
    const served = servedOperations(app.router.stack);
    assert.equal(new Set(served).size, served.length, 'no route is served twice');
    assert.deepEqual([...served].sort(), documentedOperations(doc).sort());
    assert.ok(served.includes('get /drift/{id}'));

    const tags = (doc.tags as { name: string }[]).map((t) => t.name);
    const ids = new Set<unknown>();
    for (const operation of documentedOperations(doc)) {
      const [method, template] = operation.split(' ') as [string, string];
      const op = at(doc, 'paths', template, method);
      assert.equal(typeof at(op, 'summary'), 'string', operation);
      assert.ok(tags.includes(at(op, 'tags', 0) as string), operation);
      assert.ok(!ids.has(at(op, 'operationId')), `operationId of ${operation} is unique`);
      ids.add(at(op, 'operationId'));
      const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual(
        ((at(op, 'parameters') ?? []) as { name: string; in: string }[])
          .filter((p) => p.in === 'path')
          .map((p) => p.name),
        params,
        `${operation} documents its path parameters`,
      );
    }
  });

  it('accepts designation or its alias title in ProductInput, with an example', () => {
    const product = at(doc, 'components', 'schemas', 'ProductInput');
    assert.equal(at(product, 'properties', 'title', 'type'), 'string');
    assert.equal(at(product, 'properties', 'designation', 'type'), 'string');
    assert.equal(at(product, 'required'), undefined);
    assert.deepEqual(at(product, 'anyOf'), [
      { required: ['designation'] },
      { required: ['title'] },
    ]);
    assert.equal(typeof at(product, 'example', 'designation'), 'string');
    const media = at(doc, 'paths', '/predict', 'post', 'requestBody', 'content');
    assert.deepEqual(at(media, 'application/json', 'schema'), {
      $ref: '#/components/schemas/ProductInput',
    });
    const batch = at(doc, 'components', 'schemas', 'BatchInput');
    assert.equal(at(batch, 'properties', 'items', 'maxItems'), 1_000);
  });

  it('guards with a token of scope operate exactly the operations it says: 401 without one, 403 below it', async () => {
    const operateOnly = [{ bearerAuth: ['operate'] }];
    const guarded = documentedOperations(doc).filter((operation) => {
      const [method, template] = operation.split(' ') as [string, string];
      return (
        JSON.stringify(at(doc, 'paths', template, method, 'security')) ===
        JSON.stringify(operateOnly)
      );
    });
    assert.deepEqual(guarded.sort(), [
      'delete /sources/{id}',
      'post /models/rollback',
      'post /models/{version}/promote',
      'post /retrain',
      'post /schedules/{id}/pause',
      'post /schedules/{id}/trigger',
      'post /schedules/{id}/unpause',
      'post /sources/{id}/reactivate',
      'post /sources/{id}/retire',
    ]);
    const predictToken = (await createToken(d.db, 'openapi-predict', { scope: 'predict' })).token;
    for (const operation of guarded) {
      const [method, template] = operation.split(' ') as ['post' | 'delete', string];
      const op = at(doc, 'paths', template, method);
      assert.ok(['operations', 'sources'].includes(at(op, 'tags', 0) as string), operation);
      assert.match(String(at(op, 'description')), /scope operate or admin/);
      const request = {
        params: { version: 'm-19990101-0001', id: 'src-000000000000' },
        body: { reason: 'no token' },
      };
      const { status, res } = await call(method, template, request);
      assert.equal(status, 401, operation);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      const low = await call(method, template, {
        ...request,
        headers: { authorization: `Bearer ${predictToken}` },
      });
      assert.equal(low.status, 403, operation);
    }
    const predict = at(doc, 'paths', '/predict', 'post');
    assert.deepEqual(at(predict, 'security'), [{}, { bearerAuth: ['predict'] }]);
    assert.match(String(at(predict, 'description')), /PREDICT_REQUIRE_TOKEN=true/);
    for (const template of ['/health', '/models/{version}']) {
      assert.deepEqual(at(doc, 'paths', template, 'get', 'security'), [
        {},
        { bearerAuth: ['operate'] },
      ]);
    }
  });

  it('bounds the length of every text a request carries, and says so', () => {
    const unbounded: string[] = [];
    const walk = (schema: unknown, where: string): void => {
      if (schema === null || typeof schema !== 'object') return;
      const s = schema as Json;
      if (typeof s.$ref === 'string') {
        const id = s.$ref.replace('#/components/schemas/', '');
        walk(at(doc, 'components', 'schemas', id), id);
        return;
      }
      if (s.type === 'string' && !('enum' in s) && !('const' in s) && s.maxLength === undefined) {
        unbounded.push(where);
      }
      for (const [key, child] of Object.entries(s.properties ?? {})) walk(child, `${where}.${key}`);
      for (const key of ['items', 'anyOf', 'oneOf', 'allOf'] as const) {
        const child = s[key];
        for (const c of Array.isArray(child) ? child : [child]) walk(c, where);
      }
    };
    for (const operation of documentedOperations(doc)) {
      const [method, template] = operation.split(' ') as [string, string];
      const op = at(doc, 'paths', template, method);
      walk(at(op, 'requestBody', 'content', 'application/json', 'schema'), operation);
      for (const p of (at(op, 'parameters') ?? []) as Json[])
        walk(p.schema, `${operation} ${String(p.name)}`);
    }
    assert.deepEqual(unbounded, []);
    assert.equal(
      at(doc, 'components', 'schemas', 'ReasonInput', 'properties', 'reason', 'maxLength'),
      500,
    );
    assert.equal(
      at(doc, 'components', 'schemas', 'ProductInput', 'properties', 'title', 'maxLength'),
      1_000,
    );
  });

  it('answers every operation as documented, successes and errors alike', async () => {
    // Before any model.
    const early = await call('post', '/predict', { body: { title: 'Piscine tubulaire' } });
    assert.equal(early.status, 503);
    assert.equal(early.res.headers.get('retry-after'), '30');
    const earlyBatch = await call('post', '/predict/batch', { body: { items: [{ title: 'a' }] } });
    assert.equal(earlyBatch.status, 503);
    assert.equal((await call('get', '/ready')).status, 503);
    assert.equal((await call('get', '/models/active')).status, 503);
    assert.deepEqual((await call('get', '/models')).body, []);
    assert.equal((await call('get', '/drift/latest')).status, 404);
    assert.equal((await call('get', '/drift/{id}', { params: { id: 'nope' } })).status, 404);
    assert.equal((await call('get', '/drift/{id}/report', { params: { id: 'nope' } })).status, 404);
    // Up or down depends on whether a worker polls the shared stack's queue; both are documented.
    await call('get', '/health');
    const operator = {
      authorization: `Bearer ${(await createToken(d.db, 'openapi-operator', { scope: 'operate' })).token}`,
    };
    await call('get', '/health', { headers: operator });
    assert.equal(
      (await call('get', '/health', { headers: { authorization: 'Bearer rk_forged' } })).status,
      401,
    );

    // The first model: promoted by the gate, then loaded.
    const first = await train({});
    assert.equal(first.promoted, true);
    await until('the champion to load', async () => (await fetch(`${base}/ready`)).status === 200);
    assert.equal((await call('get', '/ready')).status, 200);

    const predicted = await call('post', '/predict', {
      body: { designation: 'Piscine tubulaire 300 x 76 cm', description: 'avec pompe' },
    });
    assert.equal(predicted.status, 200);
    assert.equal(at(predicted.body, 'model_version'), first.modelVersion);
    const batch = await call('post', '/predict/batch', {
      body: { items: [{ title: 'Livre de cuisine' }, { title: 'Console', description: null }] },
    });
    assert.equal(batch.status, 200);
    for (const [body, status, headers] of [
      ['{"title": ', 400],
      [{ title: 5 }, 400],
      [{ title: '   ' }, 400],
      ['title=x', 415, { 'content-type': 'text/plain' }],
      [{ title: 'ok', description: 'x'.repeat(1_100_000) }, 413],
    ] as [unknown, number, Record<string, string>?][]) {
      assert.equal((await call('post', '/predict', { body, headers })).status, status);
    }
    assert.equal((await call('post', '/predict/batch', { body: { items: 'a' } })).status, 400);
    const huge = { designation: 'x'.repeat(1_000), description: 'y'.repeat(20_000) };
    const tooMany = await call('post', '/predict/batch', { body: { items: Array(30).fill(huge) } });
    assert.equal(tooMany.status, 413, 'over MAX_BATCH_CHARS');

    // Registry reads.
    const models = await call('get', '/models');
    assert.deepEqual(
      (models.body as { version: string; champion: boolean }[])
        .filter((m) => m.champion)
        .map((m) => m.version),
      [first.modelVersion],
    );
    const active = await call('get', '/models/active');
    assert.equal(at(active.body, 'version'), first.modelVersion);
    const version = { version: first.modelVersion };
    const detail = await call('get', '/models/{version}', { params: version });
    assert.ok(at(detail.body, 'card', 'holdout'));
    assert.equal(at(detail.body, 'artifacts'), undefined);
    const full = await call('get', '/models/{version}', { params: version, headers: operator });
    assert.ok(at(full.body, 'artifacts', 'model'));
    const report = await call('get', '/models/{version}/report', { params: version });
    assert.equal(report.status, 200);
    assert.match(String(report.body), /<svg/);
    const unknown = { version: 'm-19990101-0001' };
    assert.equal((await call('get', '/models/{version}', { params: unknown })).status, 404);
    assert.equal((await call('get', '/models/{version}/report', { params: unknown })).status, 404);

    // Operations, with a token.
    const auth = {
      authorization: `Bearer ${(await createToken(d.db, 'openapi-test', { scope: 'operate' })).token}`,
    };
    const reason = { reason: 'openapi test' };
    const noPrevious = await call('post', '/models/rollback', { body: reason, headers: auth });
    assert.equal(noPrevious.status, 409);
    assert.equal(
      (
        await call('post', '/models/{version}/promote', {
          params: unknown,
          body: reason,
          headers: auth,
        })
      ).status,
      404,
    );
    assert.equal(
      (await call('post', '/models/rollback', { body: {}, headers: auth })).status,
      400,
      'a reason is required',
    );
    const again = await call('post', '/models/{version}/promote', {
      params: version,
      body: reason,
      headers: auth,
    });
    assert.deepEqual(again.body, {
      champion: first.modelVersion,
      previous: first.modelVersion,
      changed: false,
    });
    // A second version the gate keeps out (its floor is out of reach), promoted by hand.
    const second = await train({ seed: 3, gate: { floor: 0.99 } });
    assert.equal(second.promoted, false);
    const promoted = await call('post', '/models/{version}/promote', {
      params: { version: second.modelVersion },
      body: reason,
      headers: auth,
    });
    assert.deepEqual(promoted.body, {
      champion: second.modelVersion,
      previous: first.modelVersion,
      changed: true,
    });
    const rolledBack = await call('post', '/models/rollback', { body: reason, headers: auth });
    assert.deepEqual(rolledBack.body, {
      champion: first.modelVersion,
      previous: second.modelVersion,
      forced: false,
    });
    const retrain = await call('post', '/retrain', { body: reason, headers: auth });
    assert.equal(retrain.status, 202);
    // The body is optional: an empty one asks with the default reason.
    assert.equal((await call('post', '/retrain', { headers: auth })).status, 202);

    // A drift check of the predictions made above against the champion's training data.
    await service.log.drain();
    const checked = await d.client.workflow.execute<typeof driftCheck>('driftCheck', {
      taskQueue: d.taskQueue,
      workflowId: `drift-${randomUUID()}`,
      args: [
        {
          signalAt: 'high',
          // The shared stack runs a controller under the default ID: never tell that one.
          controllerId: `no-controller-${randomUUID()}`,
          window: { batches: 1, referenceRows: 2_000 },
        },
      ],
    });
    assert.equal(checked.status, 'ok', checked.reason);
    const latest = await call('get', '/drift/latest');
    assert.equal(at(latest.body, 'id'), checked.reportId);
    const byId = await call('get', '/drift/{id}', { params: { id: checked.reportId } });
    assert.deepEqual(byId.body, latest.body);
    const page = await call('get', '/drift/{id}/report', { params: { id: checked.reportId } });
    assert.equal(page.status, 200);
    assert.equal(
      at(latest.body, 'report_url'),
      `/drift/${encodeURIComponent(checked.reportId)}/report`,
    );

    // The sources: read by anyone, changed with a token; deleting the sample comes last.
    const sources = await call('get', '/sources');
    const sampleId = (sources.body as { id: string }[])[0]!.id;
    const source = { id: sampleId };
    const nowhere = { id: 'src-000000000000' };
    const retired = await call('post', '/sources/{id}/retire', {
      params: source,
      body: reason,
      headers: auth,
    });
    assert.deepEqual(retired.body, { id: sampleId, state: 'retired', changed: true });
    assert.equal(
      (await call('post', '/sources/{id}/retire', { params: nowhere, body: reason, headers: auth }))
        .status,
      404,
    );
    const reactivated = await call('post', '/sources/{id}/reactivate', {
      params: source,
      body: reason,
      headers: auth,
    });
    assert.equal(at(reactivated.body, 'state'), 'active');
    assert.equal(
      (await call('delete', '/sources/{id}', { params: source, body: reason, headers: auth }))
        .status,
      400,
      'a delete must be confirmed',
    );
    const deleted = await call('delete', '/sources/{id}', {
      params: source,
      body: { ...reason, confirm: true },
      headers: auth,
    });
    assert.equal(at(deleted.body, 'products'), 892);

    // The console's overview and training runs, and the schedules it operates. Schedules may be
    // absent in this namespace: a list, and a 404 for an ID the deployment does not define.
    const overview = await call('get', '/overview');
    assert.equal(overview.status, 200);
    assert.equal(at(overview.body, 'controller', 'workflow_id'), 'retrain-controller');
    const runs = await call('get', '/runs');
    assert.ok((at(runs.body, 'total') as number) >= 1, 'the trainings above are runs');
    assert.equal((await call('get', '/runs/cv-history')).status, 200);
    // Query strings are not part of the templates `call` checks: their statuses only.
    for (const [query, status] of [
      ['/runs?stage=registered&family=cnb&limit=2', 200],
      ['/runs?stage=done', 400],
      ['/runs/cv-history?limit=0', 400],
      ['/ui/runs?limit=999', 400],
    ] as const) {
      assert.equal((await fetch(base + query)).status, status, query);
    }
    const schedules = await call('get', '/schedules');
    assert.ok(Array.isArray(at(schedules.body, 'items')));
    const noSchedule = { id: 'not-a-schedule' };
    for (const op of ['pause', 'unpause', 'trigger']) {
      const res = await call('post', `/schedules/{id}/${op}`, {
        params: noSchedule,
        body: reason,
        headers: auth,
      });
      assert.equal(res.status, 404, op);
    }
    for (const page of ['/ui', '/ui/runs']) {
      assert.equal((await call('get', page)).status, 200, page);
    }

    // The console's data, drift and "Try it" pages and their JSON routes. The sample source is
    // deleted above, and it had no rejected row: the lists are empty; the dataset versions the
    // trainings read and the drift check stay.
    assert.deepEqual((await call('get', '/rejected-rows/reasons')).body, { total: 0, kinds: [] });
    const rejected = await call('get', '/rejected-rows');
    assert.deepEqual(rejected.body, { total: 0, offset: 0, limit: 50, items: [] });
    const datasets = await call('get', '/datasets');
    const datasetItems = at(datasets.body, 'items') as { version: string; models: number }[];
    assert.ok(datasetItems.length >= 1 && datasetItems.some((item) => item.models >= 1));
    const dataset = { version: datasetItems[0]!.version };
    const datasetBody = await call('get', '/datasets/{version}', { params: dataset });
    assert.equal(at(datasetBody.body, 'classes', 'length'), 27);
    const noDataset = { version: 'ds-nowhere' };
    assert.equal((await call('get', '/datasets/{version}', { params: noDataset })).status, 404);
    const drifts = await call('get', '/drift');
    assert.equal(at(drifts.body, 'items', 0, 'id'), checked.reportId);
    const drift = { id: checked.reportId };
    for (const [query, status] of [
      ['/rejected-rows?limit=0', 400],
      ['/rejected-rows?source=not%20an%20id', 400],
      ['/rejected-rows?reason=&source=', 200],
      ['/rejected-rows/reasons?source=%2F', 400],
      ['/datasets?offset=-1', 400],
      ['/drift?limit=201', 400],
      ['/ui/data/rejected?reason=designation%20is%20empty', 200],
      ['/ui/data/rejected?limit=0', 400],
    ] as const) {
      assert.equal((await fetch(base + query)).status, status, query);
    }
    for (const page of ['/ui/data', '/ui/data/rejected', '/ui/drift', '/ui/try']) {
      assert.equal((await call('get', page)).status, 200, page);
    }
    assert.equal((await call('get', '/ui/datasets/{version}', { params: dataset })).status, 200);
    assert.equal((await call('get', '/ui/datasets/{version}', { params: noDataset })).status, 404);
    assert.equal((await call('get', '/ui/drift/{id}', { params: drift })).status, 200);
    const noDrift = { id: 'drift-nowhere' };
    assert.equal((await call('get', '/ui/drift/{id}', { params: noDrift })).status, 404);

    // The console's registry: versions paged, the F1 history, champion periods, a comparison.
    const listed = await call('get', '/versions', { query: '?sort=gold_macro_f1&order=asc' });
    assert.ok((at(listed.body, 'total') as number) >= 2);
    const rejectedOnly = await call('get', '/versions', { query: '?status=rejected&family=cnb' });
    assert.equal(rejectedOnly.status, 200);
    assert.equal((await call('get', '/versions', { query: '?sort=best' })).status, 400);
    const f1 = await call('get', '/versions/f1-history', { query: '?limit=10' });
    assert.equal(at(f1.body, 'champion', 'version'), first.modelVersion);
    assert.equal((await call('get', '/versions/f1-history', { query: '?limit=0' })).status, 400);
    const periods = await call('get', '/champion-history', { query: '?limit=5' });
    assert.equal(at(periods.body, 'items', 0, 'change'), 'rolled_back');
    assert.equal((await call('get', '/champion-history', { query: '?limit=0' })).status, 400);
    const pair = `?a=${first.modelVersion}&b=${second.modelVersion}`;
    const compared = await call('get', '/compare', { query: pair });
    assert.ok((at(compared.body, 'per_class_f1', 'length') as number) > 0);
    assert.equal(
      (await call('get', '/compare', { query: `?a=${first.modelVersion}` })).status,
      400,
    );
    const unknownPair = `?a=${first.modelVersion}&b=m-19990101-0001`;
    assert.equal((await call('get', '/compare', { query: unknownPair })).status, 404);
    assert.equal((await call('get', '/ui/models', { query: '?status=champion' })).status, 200);
    assert.equal((await call('get', '/ui/models', { query: '?sort=best' })).status, 400);
    assert.equal((await call('get', '/ui/compare', { query: pair })).status, 200);
    assert.equal((await call('get', '/ui/compare', { query: unknownPair })).status, 404);

    // Who a token is, for the console.
    assert.equal(
      at((await call('get', '/whoami', { headers: operator })).body, 'scope'),
      'operate',
    );
    assert.equal((await call('get', '/whoami')).status, 401);

    for (const template of ['/metrics', '/openapi.json', '/docs']) {
      assert.equal((await call('get', template)).status, 200, template);
    }
    const served = await call('get', '/openapi.json');
    assert.deepEqual(served.body, doc);

    // Not one documented operation went uncalled.
    const called = new Set([...answered].map((a) => a.split(' ').slice(0, 2).join(' ')));
    assert.deepEqual(
      documentedOperations(doc).filter((operation) => !called.has(operation)),
      [],
    );
  });

  it('serves Swagger UI from local files only, every one it references', async () => {
    const res = await fetch(`${base}/docs`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const page = await res.text();
    assert.ok(page.includes('swagger-ui'));
    assert.doesNotMatch(page, /(https?:)?\/\/[a-z]/i, 'no external URL');
    const refs = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.includes('/docs/assets/swagger-ui-bundle.js'));
    for (const ref of refs) {
      const asset = await fetch(base + ref);
      assert.equal(asset.status, 200, ref);
      assert.ok((await asset.arrayBuffer()).byteLength > 0, ref);
    }
    const init = await (await fetch(`${base}/docs/init.js`)).text();
    assert.match(init, /url: '\/openapi\.json'/);
    assert.match(init, /tryItOutEnabled: true/);
  });

  it("keeps the package's own petstore page out of reach", async () => {
    for (const file of ['index.html', 'swagger-initializer.js']) {
      assert.equal((await fetch(`${base}/docs/assets/${file}`)).status, 404, file);
    }
  });
});
