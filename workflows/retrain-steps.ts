/**
 * The retraining controller's steps that act: record a decision, look at the champion, offer a
 * request, run a training. They share the controller's state; its rules are in retrain-rules.
 */
import {
  executeChild,
  ParentClosePolicy,
  patched,
  proxyActivities,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { RegistryActivities } from '../activities/registry/activities';
import type {
  ControllerInput,
  ControllerStatus,
  RetrainAction,
  RetrainRequest,
} from '../core/contracts/retrain-controller';
import { clipRecord } from '../core/contracts/fields';
import { admit, heldReason } from './retrain-rules';
import {
  alreadyTrained,
  childFinished,
  childWorkflowId,
  doneReason,
  failureMessage,
  NOT_FINISHED,
  trainingArgs,
  waitsForData,
} from './retrain-run';
import type { Finished } from './retrain-run';
import { runningEntry, trainingRecord } from './retrain-status';
import { trainModel } from './train-model';

/** Runs from before requests were held for data replay without holding them. */
const HOLD_FOR_DATA_PATCH = 'hold-request-for-data';

export const registry = proxyActivities<RegistryActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 10 },
});

/** The state the controller's handlers, loop and trainings share. */
export interface Controller {
  readonly workflowId: string;
  readonly input: ControllerInput;
  readonly status: ControllerStatus;
  /** Requests heard from signals, not yet offered. */
  readonly inbox: RetrainRequest[];
  /** After a snapshot found no labelled rows, wait for data before trying again. */
  waitingForData: boolean;
  /**
   * Someone's request that found no labelled rows (the demo source retired before the real data
   * was ingested): offered again when data comes, where the rules alone would wait for a backlog.
   */
  heldForData: RetrainRequest | null;
  /** The rules are to be looked at again. */
  recheck: boolean;
  /** The history has grown too long: hand over to a fresh run once idle. */
  handOver: boolean;
}

export async function decide(
  c: Controller,
  action: RetrainAction,
  request: RetrainRequest,
  why: string,
  trainingWorkflowId: string | null = null,
): Promise<void> {
  const { status } = c;
  // A failure's message can be long; what is kept is bounded, so the state stays parseable.
  const reason = clipRecord(why);
  status.lastDecision = {
    action,
    trigger: request.trigger,
    reason,
    at: new Date().toISOString(),
  };
  await registry.recordRetrainDecision({
    controllerId: c.workflowId,
    action,
    trigger: request.trigger,
    reason,
    trainingWorkflowId,
    state: { backlog: status.backlog, thresholds: status.thresholds, champion: status.champion },
  });
}

export async function refreshChampion(c: Controller): Promise<void> {
  const champion = await registry.championStatus();
  c.status.champion = champion
    ? { version: champion.version, goldWeightedF1: champion.goldWeightedF1 }
    : null;
}

/** A request goes to training now, into the one queue slot, or is already covered. */
export async function offer(c: Controller, request: RetrainRequest): Promise<void> {
  const { status } = c;
  const admission = admit(status);
  if (admission === 'train') {
    status.running = runningEntry(request, new Date().toISOString(), status.requestsReceived);
    status.trainingsStarted++;
    void train(c, request);
  } else {
    if (admission === 'queue') status.queued = request;
    await decide(c, admission, request, heldReason(admission, request));
  }
}

/** Snapshot, trainModel as a child, the backlog it consumed, and every decision recorded. */
async function train(c: Controller, request: RetrainRequest): Promise<void> {
  const { status } = c;
  let finished: Finished = NOT_FINISHED;
  let childId: string | null = null;
  const backlogAtStart = status.backlog;
  try {
    const dataset = await registry.snapshotDataset({});
    const args = trainingArgs(c.input.training, dataset.version, request);
    childId = childWorkflowId(c.workflowId, args);
    status.running!.workflowId = childId;
    await decide(c, 'train', request, request.reason, childId);
    try {
      const result = await executeChild(trainModel, {
        workflowId: childId,
        args: [args],
        // A run that failed may be tried again with the same data; one that succeeded not.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        // A training outlives a controller that is restarted or replaced.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      finished = childFinished(result);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      finished = alreadyTrained(childId, dataset.version);
    }
    status.backlog = await registry.consumeBacklog(backlogAtStart);
    await decide(c, 'done', request, doneReason(finished), childId);
  } catch (error) {
    let message = failureMessage(error);
    if (waitsForData(message)) {
      c.waitingForData = true;
      // Asked for by someone: it still holds once data comes (the rules re-ask on their own).
      if (request.trigger === 'request' && patched(HOLD_FOR_DATA_PATCH)) {
        c.heldForData ??= request;
        message = `${message}; the request waits for new data`;
      }
    }
    // A failure after the child ended keeps the child's outcome, with the failure as reason.
    finished = { ...finished, reason: message };
    await decide(c, 'failed', request, message, childId);
  } finally {
    await refreshChampion(c);
    const run = { workflowId: childId, trigger: request.trigger, ...finished };
    status.lastTraining = trainingRecord(status, run, new Date().toISOString());
    status.running = null;
    // A failure is not retried by the rules until something changes, or it would loop.
    c.recheck = finished.outcome !== 'failed';
  }
}
