import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { thresholdsProblem } from '../core/contracts/retrain-controller';
import type { ControllerInput, Thresholds } from '../core/contracts/retrain-controller';
import {
  dataIngestedSignal,
  driftDetectedSignal,
  retrainRequestedSignal,
  setThresholdsUpdate,
  statusQuery,
} from '../core/contracts/retrain-controller-messages';
import {
  askedFor,
  driftRequest,
  ruleRequest,
  withThresholds,
  worthOffering,
} from './retrain-rules';
import { initialStatus } from './retrain-status';
import { offer, refreshChampion, registry } from './retrain-steps';
import type { Controller } from './retrain-steps';

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
  const status = initialStatus(input);
  const problem = thresholdsProblem(status.thresholds);
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'BadThresholds');
  const c: Controller = {
    workflowId,
    input,
    status,
    inbox: [],
    waitingForData: false,
    recheck: true,
  };
  listen(c);

  // Handlers first, so status answers from the start; then what the database knows.
  if (!input.carried) status.backlog += await registry.readBacklog();
  await refreshChampion(c);
  for (;;) {
    while (c.inbox.length > 0) await offer(c, c.inbox.shift()!);
    if (!status.running && status.queued) {
      const next = status.queued;
      status.queued = null;
      await offer(c, next);
    }
    if (c.recheck) {
      c.recheck = false;
      if (!status.running) await refreshChampion(c);
      const rules = ruleRequest({ ...status, waitingForData: c.waitingForData });
      status.floorHandledFor = rules.floorHandledFor;
      if (worthOffering(rules.request, status)) await offer(c, rules.request);
    }
    const idle = !status.running && !status.queued && c.inbox.length === 0;
    if (idle && workflowInfo().historyLength > MAX_HISTORY_EVENTS) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof retrainController>({ ...input, carried: status });
    }
    const woke = await condition(
      () => c.inbox.length > 0 || c.recheck || (!status.running && status.queued !== null),
      RECHECK,
    );
    if (!woke) c.recheck = true;
  }
}

/** The controller's signals, query and update: they note what they hear; the loop acts on it. */
function listen(c: Controller): void {
  const { status, inbox } = c;
  setHandler(statusQuery, () => status);
  setHandler(dataIngestedSignal, ({ rows }) => {
    status.backlog += Math.max(0, rows);
    c.waitingForData = false;
    c.recheck = true;
  });
  setHandler(driftDetectedSignal, (drift) => {
    const request = driftRequest(status.thresholds, drift);
    if (request) inbox.push(request);
  });
  setHandler(retrainRequestedSignal, (asked) => {
    status.requestsReceived++;
    inbox.push(askedFor(asked));
  });
  setHandler(
    setThresholdsUpdate,
    (thresholds) => {
      const next = withThresholds(status, thresholds);
      status.thresholds = next.thresholds;
      status.floorHandledFor = next.floorHandledFor;
      c.recheck = true;
      return status.thresholds;
    },
    {
      validator: (thresholds: Partial<Thresholds> | undefined) => {
        const why = thresholdsProblem(thresholds ?? {});
        if (why) throw new Error(why);
      },
    },
  );
}
