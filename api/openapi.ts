import { z } from 'zod';
import { scopesGranting } from '../core/auth/scopes';
import type { Scope } from '../core/auth/scopes';
import { componentSchemas, inlineSchema, ref } from './openapi-schemas';
import type { Json } from './openapi-schemas';
import { sharedResponses } from './responses/errors';
import type { Route, RouteResponse, Tag } from './route';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Json;
  tags: Json[];
  paths: Record<string, Record<string, Json>>;
  components: Json;
}

const TAGS: Record<Tag, string> = {
  predict: 'classify products',
  models: 'the model registry, read only',
  runs: 'trainModel runs: candidates, times and the gate',
  operations: 'change what serves; needs a bearer token of scope operate',
  sources: 'the data sources: states and counts; a change needs a bearer token of scope operate',
  data: 'dataset versions and rejected rows',
  drift: 'drift reports of the driftCheck workflow',
  console: 'the web console at /ui: HTML pages over the JSON routes of the other tags',
  service: 'health, metrics and documentation',
};

const granting = (scope: Scope) => scopesGranting(scope).join(' or ');

/**
 * The security requirement (OpenAPI 3.1 lets a bearer scheme list the roles it needs: here the
 * token's scope) and what the description says of it.
 */
function security(auth: Route['auth']): { security?: Json[]; note?: string } {
  if (auth === 'none') return {};
  if ('reveals' in auth) {
    return {
      security: [{}, { bearerAuth: [auth.reveals] }],
      note: `Open to anyone; a bearer token of scope ${granting(auth.reveals)} shows more.`,
    };
  }
  if (auth.onlyIf === 'predictRequireToken') {
    return {
      security: [{}, { bearerAuth: [auth.scope] }],
      note: `A bearer token is optional, unless the server runs with PREDICT_REQUIRE_TOKEN=true: then it needs scope ${granting(auth.scope)}.`,
    };
  }
  return {
    security: [{ bearerAuth: [auth.scope] }],
    note: `Needs a bearer token of scope ${granting(auth.scope)}.`,
  };
}

/** `/models/:version` as OpenAPI spells it, `/models/{version}`. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** A body the client may leave out is declared as its schema wrapped in `.optional()`. */
function unwrapOptional(schema: z.ZodType): { schema: z.ZodType; required: boolean } {
  return schema instanceof z.ZodOptional
    ? { schema: schema.unwrap() as z.ZodType, required: false }
    : { schema, required: true };
}

function parameter(name: string, where: 'path' | 'query', declared: z.ZodType): Json {
  const required = where === 'path' || !declared.safeParse(undefined).success;
  // The description and example belong to the parameter, where Swagger UI looks for them.
  const { description, example, ...schema } = inlineSchema(declared);
  return {
    name,
    in: where,
    required,
    ...(description !== undefined && { description }),
    ...(example !== undefined && { example }),
    schema,
  };
}

function parameters(route: Route): Json[] | undefined {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const shape = (route.params?.shape ?? {}) as Record<string, z.ZodType>;
  if (names.join() !== Object.keys(shape).join()) {
    throw new Error(
      `${route.operationId}: params must name the path's parameters: ${names.join(', ')}`,
    );
  }
  const query = Object.entries(route.query?.shape ?? {});
  const all = [
    ...names.map((name) => parameter(name, 'path', shape[name]!)),
    ...query.map(([name, declared]) => parameter(name, 'query', declared as z.ZodType)),
  ];
  return all.length === 0 ? undefined : all;
}

function response(r: RouteResponse): Json {
  const content =
    typeof r.body === 'string'
      ? { [r.body]: { schema: { type: 'string' } } }
      : { 'application/json': { schema: ref(r.body) } };
  return { description: r.description, content, ...(r.headers && { headers: r.headers }) };
}

function operation(route: Route): Json {
  const { security: requirement, note } = security(route.auth);
  const description = [route.description, note].filter((d) => d !== undefined).join(' ');
  const body = route.body && unwrapOptional(route.body);
  const responses = Object.entries(sharedResponses(route)).map(([status, r]) => [
    status,
    response(r),
  ]);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(description && { description }),
    tags: [route.tag],
    ...(requirement && { security: requirement }),
    ...((route.params || route.query) && { parameters: parameters(route) }),
    ...(body && {
      requestBody: {
        required: body.required,
        content: { 'application/json': { schema: ref(body.schema) } },
      },
    }),
    responses: Object.fromEntries(responses),
  };
}

function schemasOf(routes: readonly Route[]): {
  requests: Set<z.ZodType>;
  responses: Set<z.ZodType>;
} {
  const requests = new Set<z.ZodType>();
  const responses = new Set<z.ZodType>();
  for (const route of routes) {
    if (route.body) requests.add(unwrapOptional(route.body).schema);
    for (const r of Object.values(sharedResponses(route))) {
      if (typeof r.body !== 'string') responses.add(r.body);
    }
  }
  return { requests, responses };
}

/** The OpenAPI 3.1 document of `routes`, its schemas generated from the routes' zod schemas. */
export function buildOpenApi(routes: readonly Route[], info: { version: string }): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const ids = new Set<string>();
  for (const route of routes) {
    const path = openApiPath(route.path);
    if (paths[path]?.[route.method]) throw new Error(`${route.method} ${path} is declared twice`);
    if (ids.has(route.operationId)) throw new Error(`operationId ${route.operationId} is taken`);
    ids.add(route.operationId);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  const { requests, responses } = schemasOf(routes);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rakuten product classification API',
      version: info.version,
      description: 'Classifies Rakuten France products into their 27 product type codes.',
    },
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: componentSchemas(requests, responses),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
  };
}
