import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import express from 'express';
import { buildOpenApi } from '../api/openapi';
import { docsRouter } from '../api/routes/docs';

/** Walks into a JSON value; undefined where the path does not exist. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

const doc = buildOpenApi({ version: '1.2.3' });

const OPERATIONS: [string, string][] = [
  ['post', '/predict'],
  ['post', '/predict/batch'],
  ['get', '/models'],
  ['get', '/models/active'],
  ['get', '/models/{version}'],
  ['get', '/models/{version}/report'],
  ['post', '/models/{version}/promote'],
  ['post', '/models/rollback'],
  ['post', '/retrain'],
  ['get', '/health'],
  ['get', '/ready'],
  ['get', '/metrics'],
  ['get', '/openapi.json'],
  ['get', '/docs'],
];

function operation(method: string, path: string): unknown {
  const op = at(doc, 'paths', path, method);
  assert.ok(op, `${method.toUpperCase()} ${path} is documented`);
  return op;
}

describe('OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema, every $ref resolving', async () => {
    const result = await new Validator().validate(doc);
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(at(doc, 'info', 'version'), '1.2.3');
  });

  it('documents every route, each with an operationId, a summary and a tag', () => {
    const ids = new Set<unknown>();
    for (const [method, path] of OPERATIONS) {
      const op = operation(method, path);
      assert.equal(typeof at(op, 'summary'), 'string');
      assert.ok(
        ['predict', 'models', 'operations', 'service'].includes(at(op, 'tags', 0) as string),
      );
      assert.equal(typeof at(op, 'operationId'), 'string');
      assert.ok(!ids.has(at(op, 'operationId')), `operationId of ${path} is unique`);
      ids.add(at(op, 'operationId'));
    }
  });

  it('accepts designation or its alias title in ProductInput, and shows an example for /predict', () => {
    const product = at(doc, 'components', 'schemas', 'ProductInput');
    assert.equal(at(product, 'properties', 'title', 'type'), 'string');
    assert.equal(at(product, 'properties', 'designation', 'type'), 'string');
    assert.equal(at(product, 'required'), undefined);
    assert.deepEqual(at(product, 'anyOf'), [
      { required: ['designation'] },
      { required: ['title'] },
    ]);
    const media = at(operation('post', '/predict'), 'requestBody', 'content', 'application/json');
    assert.deepEqual(at(media, 'schema'), { $ref: '#/components/schemas/ProductInput' });
    assert.equal(typeof at(media, 'example', 'designation'), 'string');
    const batch = at(doc, 'components', 'schemas', 'BatchInput');
    assert.equal(at(batch, 'properties', 'items', 'maxItems'), 1_000);
  });

  it('requires a bearer token for operations, and makes it optional for predictions', () => {
    const bearer = at(doc, 'components', 'securitySchemes', 'bearerAuth');
    assert.deepEqual(bearer, { type: 'http', scheme: 'bearer' });
    const guarded = OPERATIONS.filter(([m, p]) => at(operation(m, p), 'tags', 0) === 'operations');
    assert.deepEqual(
      guarded.map(([, path]) => path),
      ['/models/{version}/promote', '/models/rollback', '/retrain'],
    );
    for (const [method, path] of guarded) {
      assert.deepEqual(at(operation(method, path), 'security'), [{ bearerAuth: [] }], path);
    }
    const predict = operation('post', '/predict');
    assert.deepEqual(at(predict, 'security'), [{}, { bearerAuth: [] }]);
    assert.match(String(at(predict, 'description')), /PREDICT_REQUIRE_TOKEN=true/);
    assert.ok(at(predict, 'responses', '503', 'headers', 'Retry-After'));
  });
});

describe('docs router', () => {
  let server: Server;
  let base: string;

  before(async () => {
    const app = express();
    app.use(docsRouter({ version: '1.2.3' }));
    server = app.listen(0);
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the document as JSON', async () => {
    const res = await fetch(`${base}/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body: unknown = await res.json();
    assert.equal(at(body, 'openapi'), '3.1.0');
    assert.deepEqual(body, doc);
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
