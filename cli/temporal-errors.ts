import {
  isGrpcCancelledError,
  isGrpcDeadlineError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import { UserError } from './user-error';

/** Why a workflow does not answer in time: its worker is gone or its event loop is taken. */
const SILENT_WORKER = `no worker is polling the ${PIPELINE_TASK_QUEUE} queue, or it is busy`;
/** Temporal's own knowledge, when it has it: no worker has polled lately. */
const NO_WORKER = `no worker has polled the ${PIPELINE_TASK_QUEUE} queue lately (\`rakuten worker\` starts one)`;

/**
 * Temporal gave up waiting: a query no worker took in time ("query timed out before a worker
 * could process it"), an update nobody answered, or a call past its deadline.
 */
export function isTemporalTimeout(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcDeadlineError(error)) return true;
  return /query timed out|deadline exceeded/i.test(messages(error).join(' '));
}

/** Temporal answered at once that nobody polls the queue ("no poller seen for task queue recently"). */
export function isNoPoller(error: unknown): boolean {
  return /no poller seen/i.test(messages(error).join(' '));
}

/** A workflow that did not answer, named, with the likely reason; printed as one line. */
export class NotAnsweredError extends UserError {
  override name = 'NotAnsweredError';
  constructor(what: string, why: string, options: { cause: unknown }) {
    super(`${what}: ${why}`);
    this.cause = options.cause;
  }
}

/**
 * Runs `call` (a query, an update) with a deadline of `seconds`; no answer becomes a
 * NotAnsweredError saying that `what` did not answer, e.g. "the retraining controller did not
 * answer its status query within 10 s: no worker is polling the pipeline queue, or it is busy".
 */
export async function answerWithin<T>(
  client: Client,
  seconds: number,
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await client.withDeadline(Date.now() + seconds * 1000, call);
  } catch (error) {
    if (isNoPoller(error)) throw new NotAnsweredError(what, NO_WORKER, { cause: error });
    // The client cancels a call at its deadline: here a cancellation is the deadline's.
    if (isTemporalTimeout(error) || isGrpcCancelledError(error)) {
      throw new NotAnsweredError(`${what} within ${seconds} s`, SILENT_WORKER, { cause: error });
    }
    throw error;
  }
}

/** One line for a Temporal error no command named, or undefined if it is not one of these. */
export function unansweredLine(error: unknown): string | undefined {
  if (!isNoPoller(error) && !isTemporalTimeout(error)) return undefined;
  const detail = messages(error).at(-1);
  return `Temporal did not get an answer (${detail ?? 'no detail'}): ${isNoPoller(error) ? NO_WORKER : SILENT_WORKER}`;
}

/** The messages of an error and its causes, outermost first. */
function messages(error: unknown): string[] {
  const found: string[] = [];
  for (let e = error; e instanceof Error && found.length < 5; e = e.cause) found.push(e.message);
  return found;
}
