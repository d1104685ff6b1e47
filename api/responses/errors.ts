import { errorBody } from '../schemas';
import type { ResponseHeader, Route, RouteResponse } from '../route';

export const RETRY_AFTER: Record<string, ResponseHeader> = {
  'Retry-After': {
    description: 'seconds to wait before trying again',
    schema: { type: 'integer', minimum: 0 },
  },
};

const WWW_AUTHENTICATE: Record<string, ResponseHeader> = {
  'WWW-Authenticate': {
    description: 'the scheme to authenticate with',
    schema: { const: 'Bearer' },
  },
};

/** An answer in the one error shape, `{"error": {"code", "message", "details"}}`. */
export function errorResponse(
  description: string,
  headers?: Record<string, ResponseHeader>,
): RouteResponse {
  return { description, body: errorBody, ...(headers && { headers }) };
}

/**
 * The errors a route can get before its handler runs: from the bearer check `mountRoutes` puts
 * in front of it, and from the JSON body parsing the app does for every POST. A route's own
 * description of a status replaces these.
 */
export function sharedResponses(route: Route): Readonly<Record<number, RouteResponse>> {
  const shared: Record<number, RouteResponse> = {};
  if (route.method === 'post') {
    shared[400] = errorResponse('the body is not JSON, or does not validate (see details)');
    shared[413] = errorResponse('the body is over 1 MB');
    shared[415] = errorResponse('the body is not application/json');
  }
  if (route.auth === 'bearer') {
    shared[401] = errorResponse('no valid bearer token', WWW_AUTHENTICATE);
  }
  if (route.auth === 'optional') {
    shared[401] = errorResponse(
      'no valid bearer token, when the server runs with PREDICT_REQUIRE_TOKEN=true',
      WWW_AUTHENTICATE,
    );
  }
  return { ...shared, ...route.responses };
}
