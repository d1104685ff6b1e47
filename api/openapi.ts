import { z } from 'zod';
import {
  batchInput,
  batchPrediction,
  errorBody,
  MAX_BATCH_ITEMS,
  modelSummary,
  prediction,
  productInput,
  reasonInput,
  retrainInput,
} from './schemas';

type Json = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
// zod puts schemas with an id that were not handed to it under this key, referenced through it.
const SHARED = '__shared';

// Request bodies are documented as clients send them (before transforms), responses as sent.
const REQUEST_SCHEMAS = [productInput, batchInput, reasonInput, retrainInput];
const RESPONSE_SCHEMAS = [prediction, batchPrediction, errorBody, modelSummary];

function idOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('a schema named in the OpenAPI document needs .meta({ id })');
  return id;
}

function ref(schema: z.ZodType): Json {
  return { $ref: COMPONENTS + idOf(schema) };
}

/** Points zod's `__shared#/$defs/X` references at the components they are moved to. */
function unshare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshare);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string'
        ? child.replace(`${COMPONENTS}${SHARED}#/$defs/`, COMPONENTS)
        : unshare(child),
    ]),
  );
}

function convert(schemas: z.ZodType[], io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const schema of schemas) registry.add(schema, { id: idOf(schema) });
  const { [SHARED]: shared, ...named } = z.toJSONSchema(registry, {
    io,
    uri: (id) => COMPONENTS + id,
  }).schemas;
  const all = { ...named, ...((shared?.$defs ?? {}) as Record<string, unknown>) };
  return Object.fromEntries(
    Object.entries(all).map(([id, schema]) => {
      // A fragment `$id` is invalid JSON Schema, and OpenAPI 3.1 already implies the dialect.
      const { $id: _id, $schema: _dialect, ...rest } = unshare(schema) as Json;
      return [id, rest];
    }),
  );
}

function componentSchemas(): Record<string, Json> {
  const requests = convert(REQUEST_SCHEMAS, 'input');
  const responses = convert(RESPONSE_SCHEMAS, 'output');
  for (const id of Object.keys(requests)) {
    // One id stands for one shape: a schema whose input and output differ can't be both.
    if (id in responses && JSON.stringify(requests[id]) !== JSON.stringify(responses[id]))
      throw new Error(`schema ${id} is used in requests and responses with different shapes`);
  }
  const productId = idOf(productInput);
  // The transform needing a designation or its alias is code, not JSON Schema: say it here.
  requests[productId] = {
    ...requests[productId],
    anyOf: [{ required: ['designation'] }, { required: ['title'] }],
  };
  return { ...requests, ...responses };
}

/** Schemas of responses that no request validates: documented loosely, as they may grow. */
function loose(shape: z.ZodRawShape, description: string): Json {
  const { $schema: _, ...schema } = z.toJSONSchema(z.looseObject(shape).meta({ description }), {
    io: 'output',
  });
  return schema;
}

const activeModel = loose(
  {
    version: z.string(),
    loaded_at: z.iso.datetime(),
    family: z.string().nullable().optional(),
    dataset_version: z.string().optional(),
  },
  'the model this process serves',
);
const modelDetail = loose(
  {
    version: z.string(),
    card: z.record(z.string(), z.unknown()).optional(),
    metrics: z.record(z.string(), z.unknown()).optional(),
  },
  "a model version's registry entry, card and metrics",
);
const aliasChange = loose(
  { version: z.string(), previous: z.string().nullable(), changed: z.boolean() },
  'the champion alias as moved (changed is false when nothing had to move)',
);
const accepted = loose({}, 'the retraining started, with its workflow');
const driftReport = loose(
  {
    id: z.string(),
    created_at: z.iso.datetime(),
    status: z.enum(['ok', 'insufficient_data']),
    severity: z.enum(['none', 'low', 'medium', 'high']),
    reason: z.string(),
    champion_version: z.string().nullable(),
    dataset_version: z.string().nullable(),
    window: z.record(z.string(), z.unknown()),
    signalled_at: z.iso.datetime().nullable(),
    report_url: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
  },
  'a drift check: reference (the champion training data) against the current window, per feature',
);
const driftIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  example: 'drift-scheduled-2026-11-28T10:00:00Z',
};
const probe = loose({ status: z.string() }, 'the status, and that of each component');

function json(schema: Json): Json {
  return { 'application/json': { schema } };
}

function ok(description: string, schema: Json = { type: 'object' }): Json {
  return { description, content: json(schema) };
}

function failure(description: string, headers?: Json): Json {
  return { description, content: json(ref(errorBody)), ...(headers && { headers }) };
}

function body(schema: z.ZodType, example?: unknown): Json {
  const media = { schema: ref(schema), ...(example !== undefined && { example }) };
  return { required: true, content: { 'application/json': media } };
}

const retryAfter = {
  'Retry-After': {
    description: 'seconds to wait before trying again',
    schema: { type: 'integer' },
  },
};
const predictFailures = {
  '400': failure('the body does not validate'),
  '401': failure('no valid bearer token, when PREDICT_REQUIRE_TOKEN=true'),
  '413': failure('the body is too large'),
  '415': failure('the body is not application/json'),
  '503': failure('no model is loaded yet', retryAfter),
};
const OPTIONAL_BEARER =
  'A bearer token is optional, unless the server runs with PREDICT_REQUIRE_TOKEN=true.';
const BEARER = [{ bearerAuth: [] }];
const unauthorized = failure('no valid bearer token');
const versionParameter = {
  name: 'version',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  example: 'm-20261127-0001',
};
const notFound = failure('no such model version');

function paths(): Json {
  return {
    '/predict': {
      post: {
        operationId: 'predict',
        summary: 'Classify one product',
        description: OPTIONAL_BEARER,
        tags: ['predict'],
        security: [{}, ...BEARER],
        requestBody: body(productInput, {
          designation: 'Piscine tubulaire 300x76 cm',
          description: 'Piscine hors sol avec pompe de filtration',
        }),
        responses: { '200': ok('the prediction', ref(prediction)), ...predictFailures },
      },
    },
    '/predict/batch': {
      post: {
        operationId: 'predictBatch',
        summary: `Classify up to ${MAX_BATCH_ITEMS.toLocaleString('en')} products`,
        description: OPTIONAL_BEARER,
        tags: ['predict'],
        security: [{}, ...BEARER],
        requestBody: body(batchInput),
        responses: {
          '200': ok('one prediction per item', ref(batchPrediction)),
          ...predictFailures,
        },
      },
    },
    '/models': {
      get: {
        operationId: 'listModels',
        summary: 'List registered model versions',
        tags: ['models'],
        responses: { '200': ok('newest first', { type: 'array', items: ref(modelSummary) }) },
      },
    },
    '/models/active': {
      get: {
        operationId: 'getActiveModel',
        summary: 'The model serving predictions',
        tags: ['models'],
        responses: { '200': ok('the model', activeModel), '503': failure('no model loaded yet') },
      },
    },
    '/models/rollback': {
      post: {
        operationId: 'rollbackModel',
        summary: 'Give the champion alias back to the previous champion',
        tags: ['operations'],
        security: BEARER,
        requestBody: body(reasonInput),
        responses: {
          '200': ok('the alias moved back', aliasChange),
          '401': unauthorized,
          '409': failure('there is no previous champion'),
        },
      },
    },
    '/models/{version}': {
      parameters: [versionParameter],
      get: {
        operationId: 'getModel',
        summary: 'One model version, with its card and metrics',
        tags: ['models'],
        responses: { '200': ok('the model version', modelDetail), '404': notFound },
      },
    },
    '/models/{version}/report': {
      parameters: [versionParameter],
      get: {
        operationId: 'getModelReport',
        summary: "The model version's evaluation report",
        tags: ['models'],
        responses: {
          '200': {
            description: 'an HTML page',
            content: { 'text/html': { schema: { type: 'string' } } },
          },
          '404': notFound,
        },
      },
    },
    '/models/{version}/promote': {
      parameters: [versionParameter],
      post: {
        operationId: 'promoteModel',
        summary: 'Make a model version the champion',
        tags: ['operations'],
        security: BEARER,
        requestBody: body(reasonInput),
        responses: {
          '200': ok('the alias moved', aliasChange),
          '401': unauthorized,
          '404': notFound,
          '409': failure('the version cannot serve (failed, or artifacts missing)'),
        },
      },
    },
    '/retrain': {
      post: {
        operationId: 'retrain',
        summary: 'Start a retraining run',
        tags: ['operations'],
        security: BEARER,
        requestBody: body(retrainInput),
        responses: { '202': ok('started', accepted), '401': unauthorized },
      },
    },
    '/drift/latest': {
      get: {
        operationId: 'getLatestDrift',
        summary: 'The newest drift report',
        tags: ['drift'],
        responses: {
          '200': ok('the report', driftReport),
          '404': failure('no drift check has run yet'),
        },
      },
    },
    '/drift/{id}': {
      parameters: [driftIdParameter],
      get: {
        operationId: 'getDrift',
        summary: 'One drift report',
        tags: ['drift'],
        responses: {
          '200': ok('the report', driftReport),
          '404': failure('no such drift report'),
        },
      },
    },
    '/drift/{id}/report': {
      parameters: [driftIdParameter],
      get: {
        operationId: 'getDriftReport',
        summary: 'The drift report as an HTML page, reference against current for every feature',
        tags: ['drift'],
        responses: {
          '200': {
            description: 'an HTML page',
            content: { 'text/html': { schema: { type: 'string' } } },
          },
          '404': failure('no such drift report, or one without data to plot'),
        },
      },
    },
    '/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness, with each component probed',
        tags: ['service'],
        responses: { '200': ok('up', probe), '503': ok('a component is down', probe) },
      },
    },
    '/ready': {
      get: {
        operationId: 'ready',
        summary: 'Readiness: whether this process can serve predictions',
        tags: ['service'],
        responses: { '200': ok('ready', probe), '503': ok('not ready yet', probe) },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        tags: ['service'],
        responses: {
          '200': {
            description: 'the Prometheus text exposition format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This document',
        tags: ['service'],
        responses: { '200': ok('the OpenAPI 3.1 document') },
      },
    },
    '/docs': {
      get: {
        operationId: 'docs',
        summary: 'Swagger UI for this document',
        tags: ['service'],
        responses: {
          '200': {
            description: 'an HTML page',
            content: { 'text/html': { schema: { type: 'string' } } },
          },
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document, its schemas generated from the zod schemas that validate requests. */
export function buildOpenApi(options: { version: string }): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rakuten product classification API',
      version: options.version,
      description: 'Classifies Rakuten France products into their 27 product type codes.',
    },
    tags: [
      { name: 'predict', description: 'classify products' },
      { name: 'models', description: 'the model registry, read only' },
      { name: 'operations', description: 'change what serves; needs a bearer token' },
      { name: 'drift', description: 'drift reports of the driftCheck workflow' },
      { name: 'service', description: 'health, metrics and documentation' },
    ],
    paths: paths(),
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
  };
}
