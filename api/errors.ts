import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../core/logging/logger';
import { RegistryError } from '../activities/registry/errors';
import { SourceStateError } from '../activities/sources/errors';
import { ContractError } from '../core/contracts/parse';
import { OVERLOAD_RETRY_SECONDS } from './load-shedding';
import { InferenceError, OverloadError } from './serving/inference-pool';
import { NoModelError } from './serving/predictor';

/** An answer other than success, in the one error shape every route shares. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Until the first model is loaded; a client should come back a little later. */
const NO_MODEL_RETRY_SECONDS = '30';

export function asApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    return new ApiError(
      400,
      'invalid_request',
      error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    );
  }
  if (error instanceof NoModelError) {
    return new ApiError(503, 'no_model', error.message, null, {
      'Retry-After': NO_MODEL_RETRY_SECONDS,
    });
  }
  if (error instanceof OverloadError) {
    return new ApiError(503, 'overloaded', error.message, null, {
      'Retry-After': OVERLOAD_RETRY_SECONDS,
    });
  }
  if (error instanceof InferenceError) {
    // A thread died under the request; its replacement is loading: worth another try.
    return new ApiError(503, 'inference_unavailable', error.message, null, { 'Retry-After': '1' });
  }
  if (error instanceof ContractError) {
    // A value from the request that a workflow's contract refuses: the caller's to fix.
    return new ApiError(400, 'invalid_request', error.message);
  }
  if (error instanceof SourceStateError) {
    return error.reason === 'not_found'
      ? new ApiError(404, 'not_found', error.message)
      : new ApiError(409, 'conflict', error.message);
  }
  if (error instanceof RegistryError) {
    return /there is no model version/.test(error.message)
      ? new ApiError(404, 'not_found', error.message)
      : new ApiError(409, 'conflict', error.message);
  }
  // body-parser's own errors carry a type and a 4xx status.
  const parser = error as { type?: string; status?: number; message?: string };
  if (parser.type === 'entity.parse.failed') {
    return new ApiError(400, 'invalid_json', `the body is not valid JSON: ${parser.message}`);
  }
  if (parser.type === 'entity.too.large') {
    return new ApiError(413, 'payload_too_large', 'the body is over 1 MB');
  }
  if (parser.status && parser.status >= 400 && parser.status < 500) {
    return new ApiError(
      parser.status,
      parser.type ?? 'bad_request',
      parser.message ?? 'bad request',
    );
  }
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const known = asApiError(error);
    if (!known) logger.error({ error: String(error) }, 'request failed');
    const answer = known ?? new ApiError(500, 'internal', 'internal error');
    res.set(answer.headers);
    res.status(answer.status).json({
      error: { code: answer.code, message: answer.message, details: answer.details },
    });
  };
}

/**
 * Whether the body is declared JSON. The header as clients nearly always send it is matched
 * directly: type-is parses the header afresh on each call, a cost on every prediction.
 */
export function isJsonBody(req: Request): boolean {
  const type = req.headers['content-type'];
  if (type === 'application/json' || type === 'application/json; charset=utf-8') return true;
  return req.is('application/json') === 'application/json';
}

/** Bodies must be JSON: anything else is 415, before any parsing. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if ((req.method === 'POST' || req.method === 'DELETE') && !isJsonBody(req)) {
    next(new ApiError(415, 'unsupported_media_type', 'send the body as application/json'));
    return;
  }
  next();
};

export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `no route for ${req.method} ${req.path}`));
};
