import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { retrainRequestedSignal } from '../contracts/retrain-controller-messages';
import { RETRAIN_CONTROLLER_ID } from '../contracts/retrain-controller';
import type { RetrainControllerWorkflow } from '../contracts/retrain-controller';
import { PIPELINE_TASK_QUEUE } from '../contracts/task-queues';

/**
 * Starts the deployment's retraining controller unless it is already running (a running one is
 * kept as it is, with its state); returns the run ID of the one that runs.
 */
export async function ensureRetrainController(client: Client): Promise<string> {
  const handle = await client.workflow.start<RetrainControllerWorkflow>('retrainController', {
    workflowId: RETRAIN_CONTROLLER_ID,
    taskQueue: PIPELINE_TASK_QUEUE,
    args: [{}],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
  return handle.firstExecutionRunId;
}

/**
 * Asks the controller for a training on someone's behalf (`cli:<user>`, `api:<token>`),
 * starting it first if it is not running.
 */
export async function requestRetraining(client: Client, by: string, reason: string) {
  return client.workflow.signalWithStart<
    RetrainControllerWorkflow,
    [{ by: string; reason: string }]
  >('retrainController', {
    workflowId: RETRAIN_CONTROLLER_ID,
    taskQueue: PIPELINE_TASK_QUEUE,
    args: [{}],
    signal: retrainRequestedSignal,
    signalArgs: [{ by, reason }],
  });
}
