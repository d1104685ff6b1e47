import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  executeChild,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { RegistryActivities } from '../activities/registry/activities';
import type { RetrainAction } from '../core/contracts/retrain-controller';
import { severityRank } from '../core/contracts/drift-severity';
import {
  dataIngestedSignal,
  driftDetectedSignal,
  retrainRequestedSignal,
  setThresholdsUpdate,
  statusQuery,
} from '../core/contracts/retrain-controller-messages';
import {
  DEFAULT_THRESHOLDS,
  RETRAIN_CONTROLLER_ID,
  thresholdsProblem,
} from '../core/contracts/retrain-controller';
import type {
  ControllerInput,
  ControllerStatus,
  RetrainRequest,
  Thresholds,
  TrainingOutcome,
} from '../core/contracts/retrain-controller';
import { trainModel } from './train-model';
import { trainingWorkflowId } from '../core/contracts/train-model';
import type { TrainModelInput } from '../core/contracts/train-model';

const registry = proxyActivities<RegistryActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 10 },
});

/** Rules are looked at again at least this often, without any signal. */
const RECHECK = '1 hour';
/** Past this many history events, an idle controller hands over to a fresh run. */
const MAX_HISTORY_EVENTS = 2_000;

/**
 * The deployment's retraining controller: it hears of new data, drift and requests, decides by
 * its rules when to train, runs trainModel one at a time with at most one more queued behind,
 * and records every decision with its reason.
 */
export async function retrainController(input: ControllerInput = {}): Promise<void> {
  const { workflowId } = workflowInfo();
  const status: ControllerStatus = input.carried ?? {
    thresholds: { ...DEFAULT_THRESHOLDS, ...input.thresholds },
    backlog: 0,
    champion: null,
    running: null,
    queued: null,
    lastDecision: null,
    lastTraining: null,
    requestsReceived: 0,
    trainingsStarted: 0,
    floorHandledFor: null,
  };
  const problem = thresholdsProblem(status.thresholds);
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'BadThresholds');
  const inbox: RetrainRequest[] = [];
  // After a snapshot found no labelled rows, wait for data before trying again.
  let waitingForData = false;
  let recheck = true;

  setHandler(statusQuery, () => status);
  setHandler(dataIngestedSignal, ({ rows }) => {
    status.backlog += Math.max(0, rows);
    waitingForData = false;
    recheck = true;
  });
  setHandler(driftDetectedSignal, ({ reportId, severity }) => {
    const rank = severityRank(severity);
    if (rank >= severityRank(status.thresholds.driftSeverity) && rank > 0) {
      inbox.push({
        trigger: 'drift',
        reason: `drift report ${reportId} is ${severity} (threshold ${status.thresholds.driftSeverity})`,
        by: 'workflow',
      });
    }
  });
  setHandler(retrainRequestedSignal, ({ by, reason }) => {
    status.requestsReceived++;
    inbox.push({ trigger: 'request', reason: reason || 'asked for', by });
  });
  setHandler(
    setThresholdsUpdate,
    (thresholds) => {
      status.thresholds = { ...status.thresholds, ...thresholds };
      if (thresholds.f1Floor !== undefined) status.floorHandledFor = null;
      recheck = true;
      return status.thresholds;
    },
    {
      validator: (thresholds: Partial<Thresholds> | undefined) => {
        const why = thresholdsProblem(thresholds ?? {});
        if (why) throw new Error(why);
      },
    },
  );

  const decide = async (
    action: RetrainAction,
    request: RetrainRequest,
    reason: string,
    trainingWorkflowId: string | null = null,
  ) => {
    status.lastDecision = {
      action,
      trigger: request.trigger,
      reason,
      at: new Date().toISOString(),
    };
    await registry.recordRetrainDecision({
      controllerId: workflowId,
      action,
      trigger: request.trigger,
      reason,
      trainingWorkflowId,
      state: { backlog: status.backlog, thresholds: status.thresholds, champion: status.champion },
    });
  };

  const refreshChampion = async () => {
    const champion = await registry.championStatus();
    status.champion = champion
      ? { version: champion.version, goldWeightedF1: champion.goldWeightedF1 }
      : null;
  };

  /** What the rules ask for now, if anything. */
  const ruleRequest = (): RetrainRequest | undefined => {
    const { thresholds, champion, backlog } = status;
    if (waitingForData) return undefined;
    if (!champion)
      return { trigger: 'first_model', reason: 'there is no champion yet', by: 'workflow' };
    if (
      champion.goldWeightedF1 !== null &&
      champion.goldWeightedF1 < thresholds.f1Floor &&
      status.floorHandledFor !== champion.version
    ) {
      status.floorHandledFor = champion.version;
      return {
        trigger: 'f1_floor',
        reason: `champion ${champion.version} scores ${champion.goldWeightedF1.toFixed(4)}, below the floor ${thresholds.f1Floor}`,
        by: 'workflow',
      };
    }
    if (backlog >= thresholds.backlogRows) {
      return {
        trigger: 'backlog',
        reason: `${backlog} new labelled rows, at or over ${thresholds.backlogRows}`,
        by: 'workflow',
      };
    }
    return undefined;
  };

  /** A request goes to training now, into the one queue slot, or is already covered. */
  const offer = async (request: RetrainRequest) => {
    if (!status.running) {
      status.running = {
        ...request,
        workflowId: null,
        startedAt: new Date().toISOString(),
        coversRequest: status.requestsReceived,
      };
      status.trainingsStarted++;
      void train(request);
    } else if (!status.queued) {
      status.queued = request;
      await decide('queue', request, `a training is running; queued: ${request.reason}`);
    } else {
      await decide(
        'skip',
        request,
        `a training is running and another is queued: ${request.reason}`,
      );
    }
  };

  const train = async (request: RetrainRequest) => {
    let outcome: TrainingOutcome['outcome'] = 'failed';
    let modelVersion: string | null = null;
    let reason = '';
    let childId: string | null = null;
    const backlogAtStart = status.backlog;
    try {
      const dataset = await registry.snapshotDataset({});
      const args: TrainModelInput = {
        ...input.training,
        datasetVersion: dataset.version,
        requestedBy: request.by,
        reason: request.reason,
      };
      // Another controller (a second deployment in the namespace, a test) keeps runs apart.
      childId =
        workflowId === RETRAIN_CONTROLLER_ID
          ? trainingWorkflowId(args)
          : `${trainingWorkflowId(args)}@${workflowId}`;
      status.running!.workflowId = childId;
      await decide('train', request, request.reason, childId);
      try {
        const result = await executeChild(trainModel, {
          workflowId: childId,
          args: [args],
          // A run that failed may be tried again with the same data; one that succeeded not.
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
          // A training outlives a controller that is restarted or replaced.
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        outcome = result.promoted ? 'promoted' : 'rejected';
        modelVersion = result.modelVersion;
        reason = result.reason;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        outcome = 'unchanged';
        reason = `${childId} has already trained on dataset ${dataset.version.slice(0, 12)}`;
      }
      status.backlog = await registry.consumeBacklog(backlogAtStart);
      await decide('done', request, `${outcome}: ${reason}`, childId);
    } catch (error) {
      // Activity and child failures wrap the error that says what went wrong.
      const cause = (error as { cause?: Error }).cause;
      const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
      reason = message;
      if (/no labelled products/.test(message)) waitingForData = true;
      await decide('failed', request, message, childId);
    } finally {
      await refreshChampion();
      status.lastTraining = {
        workflowId: childId,
        trigger: request.trigger,
        outcome,
        modelVersion,
        reason,
        finishedAt: new Date().toISOString(),
        coversRequest: status.running?.coversRequest ?? status.requestsReceived,
      };
      status.running = null;
      // A failure is not retried by the rules until something changes, or it would loop.
      recheck = outcome !== 'failed';
    }
  };

  // Handlers first, so status answers from the start; then what the database knows.
  if (!input.carried) status.backlog += await registry.readBacklog();
  await refreshChampion();
  for (;;) {
    while (inbox.length > 0) await offer(inbox.shift()!);
    if (!status.running && status.queued) {
      const next = status.queued;
      status.queued = null;
      await offer(next);
    }
    if (recheck) {
      recheck = false;
      if (!status.running) await refreshChampion();
      const wanted = ruleRequest();
      if (wanted && !status.queued && status.running?.trigger !== wanted.trigger) {
        await offer(wanted);
      }
    }
    const idle = !status.running && !status.queued && inbox.length === 0;
    if (idle && workflowInfo().historyLength > MAX_HISTORY_EVENTS) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof retrainController>({ ...input, carried: status });
    }
    const woke = await condition(
      () => inbox.length > 0 || recheck || (!status.running && status.queued !== null),
      RECHECK,
    );
    if (!woke) recheck = true;
  }
}
