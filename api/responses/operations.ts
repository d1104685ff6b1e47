import { z } from 'zod';

export const promotion = z
  .object({
    champion: z.string(),
    previous: z.string().nullable(),
    changed: z.boolean().meta({ description: 'false when the version already was the champion' }),
  })
  .meta({ id: 'Promotion' });

export type Promotion = z.output<typeof promotion>;

export const rollback = z
  .object({
    champion: z.string(),
    previous: z.string().nullable(),
    forced: z.boolean().meta({
      description: 'true when `force` took it back to a version trained on a retired source',
    }),
  })
  .meta({ id: 'Rollback', description: 'the champion now, and the one it replaced' });

export type Rollback = z.output<typeof rollback>;

export const retrainAccepted = z
  .object({
    requested: z.literal(true),
    controller: z.string().meta({ description: "the retraining controller's workflow ID" }),
  })
  .meta({ id: 'RetrainAccepted' });

export type RetrainAccepted = z.output<typeof retrainAccepted>;
