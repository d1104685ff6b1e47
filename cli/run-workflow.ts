import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UserError } from './user-error';
import { workflowUrl } from '../core/temporal/web-ui';

/** A workflow's failure as one line for a person, e.g. the message of a non-retryable error. */
export function failureMessage(error: unknown): string {
  if (error instanceof WorkflowFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Waits for a workflow's result, turning a failure into a UserError with its cause. */
export async function resultOf<T>(handle: WorkflowHandle, what: string): Promise<T> {
  try {
    return (await handle.result()) as T;
  } catch (error) {
    throw new UserError(`${what} failed: ${failureMessage(error)} (workflow ${handle.workflowId})`);
  }
}

export function uiLink(client: Client, uiUrl: string | undefined, workflowId: string): string {
  return workflowUrl(uiUrl, client.options.namespace, workflowId) ?? workflowId;
}

/** The ID of a run started by hand from the CLI: sortable by time, and never reused. */
export function manualWorkflowId(kind: string): string {
  return `${kind}-manual-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
}
