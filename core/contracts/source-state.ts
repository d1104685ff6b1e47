/** Shared by the source life-cycle functions, `rakuten sources` and the API's /sources routes. */
import { z } from 'zod';
import { actorSchema, reasonSchema } from './fields';

/** Source IDs as import makes them (`src-` and 12 hex digits), with room for other schemes. */
export const sourceIdSchema = z
  .string({ error: 'must be text' })
  .max(64, { error: 'must be a source ID of at most 64 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, {
    error: 'must be a source ID: 1 to 64 of A-Z a-z 0-9 . _ : -, as `rakuten sources show` lists',
  });

/** The audit log needs a why: blank is refused, not recorded. */
export const sourceReasonSchema = reasonSchema
  .trim()
  .min(1, { error: 'must say why, for the audit log' });

export const sourceChangeSchema = z.strictObject({
  sourceId: sourceIdSchema,
  actor: actorSchema,
  reason: sourceReasonSchema,
});
export type SourceChange = z.infer<typeof sourceChangeSchema>;
