import { scopesGranting } from '../../core/auth/scopes';
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
    description:
      'the scheme to authenticate with, and as RFC 6750 says, the error (`invalid_token`, `insufficient_scope` with the scope needed)',
    schema: { type: 'string', pattern: '^Bearer' },
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
 * The errors a route can get before its handler runs: from the load shedding and the bearer
 * check `mountRoutes` puts in front of it, and from the JSON body parsing of every POST and
 * DELETE. A route's own description of a status replaces these.
 */
export function sharedResponses(route: Route): Readonly<Record<number, RouteResponse>> {
  const shared: Record<number, RouteResponse> = {};
  // `route()` parses the query string before the handler runs: its ZodError is the shared 400.
  if (route.query) {
    shared[400] = errorResponse('a query parameter out of range (see details)');
  }
  if (route.method !== 'get') {
    shared[400] = errorResponse('the body is not JSON, or does not validate (see details)');
    shared[413] = errorResponse('the body is over 1 MB');
    shared[415] = errorResponse('the body is not application/json');
  }
  const { auth } = route;
  if (auth !== 'none' && 'reveals' in auth) {
    shared[401] = errorResponse(
      'a bearer token was sent, and it is not live (unknown, revoked or expired)',
      WWW_AUTHENTICATE,
    );
  } else if (auth !== 'none') {
    const when = auth.onlyIf ? ', when the server runs with PREDICT_REQUIRE_TOKEN=true' : '';
    shared[401] = errorResponse(
      `no live bearer token (missing, unknown, revoked or expired)${when}`,
      WWW_AUTHENTICATE,
    );
    shared[403] = errorResponse(
      `the token's scope is below ${auth.scope} (needs ${scopesGranting(auth.scope).join(' or ')})${when}`,
      WWW_AUTHENTICATE,
    );
  }
  if (route.shedsLoad) {
    shared[503] = errorResponse(
      'MAX_INFLIGHT products are in flight on this server (code `overloaded`): refused at once',
      RETRY_AFTER,
    );
  }
  return { ...shared, ...route.responses };
}
