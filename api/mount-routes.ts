import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { Auth, Route } from './route';

/** What runs before a route's handler, cheapest first, each only where the route needs it. */
export interface RouteMiddleware {
  /** The token check a route's `auth` asks for; none where the route is open. */
  guard(auth: Auth): RequestHandler | undefined;
  /**
   * Reads the JSON body of a POST or DELETE. After the token check, so that a request refused for its token
   * costs no parsing.
   */
  parseBody: readonly RequestHandler[];
}

/**
 * One Express route per `Route`, in the order given: Express tries them in that order, so the
 * hot routes go first and a literal path (`/models/active`) before a parameter (`/models/:version`).
 */
export function mountRoutes(routes: readonly Route[], middleware: RouteMiddleware): Router {
  const router = Router();
  for (const route of routes) {
    const guard = middleware.guard(route.auth);
    const chain: RequestHandler[] = [
      ...(guard ? [guard] : []),
      ...(route.method !== 'get' ? middleware.parseBody : []),
      route.handle,
    ];
    router[route.method](route.path, ...chain);
  }
  return router;
}
