import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { parseContract } from '../contracts/parse';
import {
  requestRetrainUpdate,
  retrainAskSchema,
  retrainRequestedSignal,
} from '../contracts/retrain-controller-messages';
import type { RetrainAsk, RetrainTicket } from '../contracts/retrain-controller-messages';
import { RETRAIN_CONTROLLER_ID } from '../contracts/retrain-controller';
import type { RetrainControllerWorkflow } from '../contracts/retrain-controller';
import { PIPELINE_TASK_QUEUE } from '../contracts/task-queues';

/** How the deployment's controller is started when a request finds it not running. */
const controllerStart = {
  workflowId: RETRAIN_CONTROLLER_ID,
  taskQueue: PIPELINE_TASK_QUEUE,
  args: [{}] as Parameters<RetrainControllerWorkflow>,
};

/**
 * Starts the deployment's retraining controller unless it is already running (a running one is
 * kept as it is, with its state); returns the run ID of the one that runs.
 */
export async function ensureRetrainController(client: Client): Promise<string> {
  const handle = await client.workflow.start<RetrainControllerWorkflow>('retrainController', {
    ...controllerStart,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
  return handle.firstExecutionRunId;
}

/**
 * Asks the controller for a training on someone's behalf (`cli:<user>`, `api:<token>`),
 * starting it first if it is not running. A signal: Temporal keeps it even while no worker
 * answers, and the controller takes it when one does. Checked here first, so a caller hears at
 * once (a ContractError naming the field) what the controller would drop.
 */
export async function requestRetraining(client: Client, by: string, reason: string) {
  const ask = parseContract(retrainAskSchema, { by, reason }, 'training request');
  return client.workflow.signalWithStart<RetrainControllerWorkflow, [RetrainAsk]>(
    'retrainController',
    { ...controllerStart, signal: retrainRequestedSignal, signalArgs: [ask] },
  );
}

/**
 * The same request as an update, for a caller that needs the answer: the request's number,
 * which `status.lastTraining.coversRequest` reaches once a training has answered it. It waits for
 * a worker; asked again with the same `updateId`, Temporal answers the same update, so a caller
 * that timed out can ask again without asking twice (within one run of the controller).
 */
export async function askForRetraining(
  client: Client,
  asked: RetrainAsk,
  updateId: string,
): Promise<RetrainTicket> {
  const ask = parseContract(retrainAskSchema, asked, 'training request');
  return client.workflow.executeUpdateWithStart(requestRetrainUpdate, {
    args: [ask],
    updateId,
    startWorkflowOperation: new WithStartWorkflowOperation<RetrainControllerWorkflow>(
      'retrainController',
      { ...controllerStart, workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING },
    ),
  });
}
