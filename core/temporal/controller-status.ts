import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { RETRAIN_CONTROLLER_ID } from '../contracts/retrain-controller';
import type { ControllerStatus } from '../contracts/retrain-controller';
import { statusQuery } from '../contracts/retrain-controller-messages';

/**
 * The retraining controller as a page can show it: its status, or why there is none. A status
 * page must not fail, nor hang, because the controller is stopped or no worker answers.
 */
export type ControllerReading =
  | { state: 'running'; status: ControllerStatus }
  | { state: 'not_running' }
  | { state: 'no_answer'; problem: string };

export async function readControllerStatus(
  client: Client,
  timeoutMs: number,
): Promise<ControllerReading> {
  try {
    // A deadline, not a race: the call itself is cancelled, nothing is left in flight.
    const status = await client.withDeadline(Date.now() + timeoutMs, () =>
      client.workflow.getHandle(RETRAIN_CONTROLLER_ID).query(statusQuery),
    );
    return { state: 'running', status };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { state: 'not_running' };
    const message = error instanceof Error ? error.message : String(error);
    return {
      state: 'no_answer',
      problem: `the controller did not answer its status query within ${timeoutMs / 1000} s (${message}): is a pipeline worker running?`,
    };
  }
}
