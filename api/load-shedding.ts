import type { RequestListener } from 'node:http';
import type { Route } from './route';
import { SECURITY_HEADERS } from './security-headers';
import type { ServingMetrics } from './serving/metrics';

/** Long enough for the threads to drain a burst; short enough that a client comes back soon. */
export const OVERLOAD_RETRY_SECONDS = '1';

// Written once: under a flood, a refusal should cost as little as an answer can.
const OVERLOADED = Buffer.from(
  JSON.stringify({
    error: {
      code: 'overloaded',
      message: 'the server is at capacity: try again shortly',
      details: null,
    },
  }),
);
const OVERLOADED_HEADERS = {
  ...SECURITY_HEADERS,
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': String(OVERLOADED.length),
  'Retry-After': OVERLOAD_RETRY_SECONDS,
};

/**
 * The HTTP server's request handler: `app`, except that a request for a route that `shedsLoad`
 * is refused with 503 at once while the inference threads hold MAX_INFLIGHT products. Before
 * Express, whose own entry costs more than the refusal (measured: a refusal here is about three
 * times cheaper than one from a route), before the token check and without reading the body:
 * a flood then gets fast 503s and leaves the CPU to the requests admitted. The threads bound
 * the count exactly as work reaches them; this is the cheap early answer, for the routes' exact
 * paths (a query string goes on to the route, and to the threads' refusal).
 */
export function shedFirst(
  app: RequestListener,
  routes: readonly Route[],
  pool: { readonly saturated: boolean },
  metrics: ServingMetrics,
): RequestListener {
  const shedding = new Map(
    routes.filter((r) => r.shedsLoad).map((r) => [r.path, r.method.toUpperCase()]),
  );
  return (req, res) => {
    if (pool.saturated && req.url !== undefined && shedding.get(req.url) === req.method) {
      metrics.overloadRejections.inc();
      // The body is never read; Node discards it once the answer is out, keeping the connection.
      res.writeHead(503, OVERLOADED_HEADERS).end(OVERLOADED);
      return;
    }
    app(req, res);
  };
}
