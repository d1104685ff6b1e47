/**
 * Parsing a contract's value: the one place that turns zod's issues into the line a person
 * reads, each issue led by the path of its field (`gate.floor: must be between 0 and 1`). Used
 * by workflows (which throw ApplicationFailures) and by clients (which throw ContractError).
 */
import type { z } from 'zod';

/** Problems are cut to this, so a refusal never echoes a huge input. */
const MAX_PROBLEM_CHARS = 300;

/** Every issue, its field first; `root` names the value itself (`input`, `signal`). */
export function problemOf(error: z.ZodError, root = 'input'): string {
  const line = error.issues
    .map((issue) => {
      const field = issue.path.map(String).join('.') || root;
      if (issue.code === 'unrecognized_keys') {
        return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      }
      return `${field}: ${issue.message}`;
    })
    .join('; ');
  return line.length > MAX_PROBLEM_CHARS ? `${line.slice(0, MAX_PROBLEM_CHARS - 1)}…` : line;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The parsed value, or the problem with it; never throws. */
export function checked<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root?: string,
): Checked<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problem: problemOf(result.error, root) };
}

/** A value a client was about to send that its contract refuses; the message names the field. */
export class ContractError extends Error {
  override name = 'ContractError';
}

/** The parsed value; a ContractError saying `what` is wrong otherwise. */
export function parseContract<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = checked(schema, value);
  if (!result.ok) throw new ContractError(`${what}: ${result.problem}`);
  return result.value;
}
