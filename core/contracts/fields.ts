/**
 * The fields several contracts share: who did something, why, which workflow, and bounded
 * numbers. Every message says what the value must be, so a refusal reads `gate.floor: must be
 * between 0 and 1` once its path is put in front (see parse.ts).
 */
import { z } from 'zod';

/** A reason, a note: free text that ends up in signals, histories and tables. */
export const MAX_REASON_CHARS = 500;

// C0 controls other than tab and newlines, and DEL: a NUL cannot even be stored in a text column.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const reasonSchema = z
  .string({ error: 'must be text' })
  .max(MAX_REASON_CHARS, { error: `must be at most ${MAX_REASON_CHARS} characters` })
  .refine((text) => !CONTROL_CHARACTERS.test(text), {
    error: 'must not contain control characters',
  });

/**
 * The name after `cli:` or `api:`: an API token's name (core/auth/tokens.ts allows the same
 * characters), or the CLI user's login made to fit (cli/actor.ts).
 */
export const ACTOR_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * Who the audit log says did something: `workflow` (a rule, a schedule, the gate), `cli:<user>`
 * or `api:<token name>`. The CLI and the API make these from the caller's login and bearer
 * token; a workflow cannot see who called it, so it accepts only these shapes.
 */
export const actorSchema = z.string({ error: 'must be text' }).refine(
  (actor) => {
    if (actor === 'workflow') return true;
    const colon = actor.indexOf(':');
    const kind = actor.slice(0, colon);
    return (kind === 'cli' || kind === 'api') && ACTOR_NAME.test(actor.slice(colon + 1));
  },
  { error: 'must be workflow, cli:<user> or api:<token name> (1 to 64 of A-Z a-z 0-9 . _ @ -)' },
);
export type Actor = z.infer<typeof actorSchema>;

/**
 * A workflow ID as this platform makes them (`retrain-controller`, `drift-manual-…`, a
 * schedule's `drift-scheduled-2025-01-01T10:00:00Z`, a test's `controller-<uuid>`).
 */
export const workflowIdSchema = z
  .string({ error: 'must be text' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$/, {
    error:
      'must be a workflow ID: 1 to 200 of A-Z a-z 0-9 . _ : @ + -, starting with a letter or digit',
  });

/**
 * Text a workflow writes itself (a decision's reason, a failure's message), which may quote a
 * caller's reason: clipped to this before it is kept, so state handed over stays parseable.
 */
export const MAX_RECORD_CHARS = 5_000;

export function clipRecord(text: string): string {
  return text.length > MAX_RECORD_CHARS ? `${text.slice(0, MAX_RECORD_CHARS - 1)}…` : text;
}

/** An integer in [min, max], refused with one message naming both bounds. */
export function boundedInt(min: number, max: number) {
  const error = `must be an integer between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A finite number in [0, 1]: a score, a share, a probability. */
export const unitIntervalSchema = z
  .number({ error: 'must be a number between 0 and 1' })
  .min(0, { error: 'must be between 0 and 1' })
  .max(1, { error: 'must be between 0 and 1' });

/** Seeds of the training and the samples: what createRng takes. */
export const seedSchema = boundedInt(0, 2 ** 31 - 1);
