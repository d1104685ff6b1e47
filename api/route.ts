import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Scope } from '../core/auth/scopes';

export type Method = 'get' | 'post' | 'delete';

/**
 * Who may call a route:
 * - `'none'`: anyone; a token is not even read.
 * - `{ scope }`: the holder of a live token granting `scope` (401 without one, 403 when its
 *   scope is too low).
 * - `{ scope, onlyIf: 'predictRequireToken' }`: the same when the server runs with
 *   PREDICT_REQUIRE_TOKEN=true, anyone otherwise (the prediction routes).
 * - `{ reveals }`: anyone; a caller whose token grants `reveals` is shown more (the handler
 *   asks `callerMay(res, scope)`). A token sent must be live all the same.
 */
export type Auth = 'none' | { scope: Scope; onlyIf?: 'predictRequireToken' } | { reveals: Scope };

export type Tag =
  | 'predict'
  | 'models'
  | 'runs'
  | 'operations'
  | 'sources'
  | 'data'
  | 'drift'
  | 'console'
  | 'service';

/** Bodies that are not JSON, documented by their media type alone. */
export type TextMediaType = 'text/html' | 'text/plain';

export interface ResponseHeader {
  description: string;
  /** JSON Schema: headers are documented, never parsed. */
  schema: Record<string, unknown>;
}

export interface RouteResponse {
  description: string;
  /** A JSON body's schema, named with `.meta({ id })`; or the media type of a text body. */
  body: z.ZodType | TextMediaType;
  headers?: Record<string, ResponseHeader>;
}

interface RouteInfo {
  method: Method;
  /** In Express syntax, `/models/:version`; the OpenAPI document spells it `/models/{version}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  auth: Auth;
  /**
   * The route scores products in the inference threads: beyond MAX_INFLIGHT products in flight
   * it answers 503 at once, before Express, its token check or its body (load-shedding.ts).
   */
  shedsLoad?: boolean;
  /**
   * What the handler answers, by status. The errors of the shared middleware (a missing token,
   * a body that is not JSON, an overload) are added to the document from `auth`, `method` and
   * `shedsLoad`.
   */
  responses: Readonly<Record<number, RouteResponse>>;
}

/** A route as the router and the OpenAPI document see it: its input schemas and its handler. */
export interface Route extends RouteInfo {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  handle: RequestHandler;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteDefinition<
  P extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  Q extends z.ZodObject | undefined = undefined,
> extends RouteInfo {
  /** The path parameters, one key per `:name` of the path. */
  params?: P;
  /**
   * The query string: each key a parameter of the document, required unless optional or
   * defaulted. Values arrive as strings, so numbers are `z.coerce`d.
   */
  query?: Q;
  /** The JSON body; a body the client may leave out is a schema wrapped in `.optional()`. */
  body?: B;
  /** Called with the body, parameters and query parsed; a ZodError becomes the shared 400. */
  handler: (
    req: Request,
    res: Response,
    body: Parsed<B>,
    params: Parsed<P>,
    query: Parsed<Q>,
  ) => unknown;
}

/**
 * Declares a route once: `mountRoutes` serves it and `buildOpenApi` documents it. The input is
 * parsed in the handler Express calls, so a route pays only for the schemas it declares.
 */
export function route<
  P extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
>(definition: RouteDefinition<P, B, Q>): Route {
  const { handler, ...declared } = definition;
  const { params, body, query } = definition;
  const handle: RequestHandler = (req, res) =>
    handler(
      req,
      res,
      (body === undefined ? undefined : body.parse(req.body)) as Parsed<B>,
      (params === undefined ? undefined : params.parse(req.params)) as Parsed<P>,
      (query === undefined ? undefined : query.parse(req.query)) as Parsed<Q>,
    );
  return { ...declared, handle };
}
