import { z } from 'zod';

export const componentHealth = z
  .object({
    status: z.enum(['up', 'down']),
    latencyMs: z.number(),
    detail: z.string().optional().meta({
      description: 'what the probe saw; only for a bearer token of scope operate or admin',
    }),
    error: z.string().optional().meta({
      description:
        'why it is down; only for a bearer token of scope operate or admin, else in the server logs',
    }),
  })
  .meta({ id: 'ComponentHealth' });

export const healthReport = z
  .object({
    status: z.enum(['up', 'down']),
    components: z.object({
      temporal: componentHealth,
      postgres: componentHealth,
      s3: componentHealth,
      worker: componentHealth,
    }),
  })
  .meta({ id: 'HealthReport', description: 'up only when every component is' });

export const readiness = z
  .object({
    ready: z.boolean(),
    model: z.string().nullable().meta({ description: 'the version loaded, if any' }),
    database: z.boolean(),
  })
  .meta({ id: 'Readiness' });

export type Readiness = z.output<typeof readiness>;

export const openApiDocument = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument', description: 'this document' });
