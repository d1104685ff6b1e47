import express from 'express';
import type { ErrorRequestHandler, Express } from 'express';
import type { HealthReport } from './health';

export interface AppDeps {
  health: () => Promise<HealthReport>;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', async (_req, res) => {
    const report = await deps.health();
    res.status(report.status === 'up' ? 200 : 503).json(report);
  });

  app.use((req, res) => {
    res.status(404).json({ error: `No route for ${req.method} ${req.path}` });
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
  };
  app.use(onError);
  return app;
}
