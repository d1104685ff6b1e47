import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { z } from 'zod';
import { checked } from '../core/contracts/parse';

/**
 * Runs that began before inputs were parsed replay as they ran, their input taken as given: the
 * schemas refuse some inputs that were accepted then (an actor of another shape, a longer reason).
 */
export const PARSED_INPUT_PATCH = 'parsed-input';

/**
 * A workflow's input, parsed by its contract; nonsense fails the run at once, non-retryably,
 * naming the field (`gate.floor: must be between 0 and 1`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  if (!patched(PARSED_INPUT_PATCH)) return input as z.output<S>;
  const result = checked(schema, input);
  if (!result.ok) throw ApplicationFailure.nonRetryable(result.problem, 'BadInput');
  return result.value;
}
