import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { Auth, Route } from './route';

/** The middleware each level of `Auth` runs first; none where the route is open. */
export type Guards = Readonly<Record<Auth, RequestHandler | undefined>>;

/**
 * One Express route per `Route`, in the order given: Express tries them in that order, so the
 * hot routes go first and a literal path (`/models/active`) before a parameter (`/models/:version`).
 */
export function mountRoutes(routes: readonly Route[], guards: Guards): Router {
  const router = Router();
  for (const route of routes) {
    const guard = guards[route.auth];
    if (guard) router[route.method](route.path, guard, route.handle);
    else router[route.method](route.path, route.handle);
  }
  return router;
}
