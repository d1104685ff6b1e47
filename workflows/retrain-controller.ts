import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import { checked } from '../core/contracts/parse';
import {
  controllerInputSchema,
  thresholdChangeSchema,
  thresholdsProblem,
} from '../core/contracts/retrain-controller';
import type { ControllerInput, ControllerSignal } from '../core/contracts/retrain-controller';
import {
  dataIngestedSchema,
  dataIngestedSignal,
  driftDetectedSchema,
  driftDetectedSignal,
  requestRetrainUpdate,
  retrainAskSchema,
  retrainRequestedSignal,
  setThresholdsUpdate,
  statusQuery,
} from '../core/contracts/retrain-controller-messages';
import type { RetrainTicket } from '../core/contracts/retrain-controller-messages';
import { parseInput } from './parse-input';
import {
  askedFor,
  driftRequest,
  ruleRequest,
  withThresholds,
  worthOffering,
} from './retrain-rules';
import { initialStatus, withRejectedSignal } from './retrain-status';
import { offer, refreshChampion, registry } from './retrain-steps';
import type { Controller } from './retrain-steps';

/**
 * Signals a run heard before they were parsed are replayed as they were taken: the schemas refuse
 * some that were accepted then (a `by` of another shape).
 */
const PARSED_SIGNALS_PATCH = 'parsed-signals';

/** Rules are looked at again at least this often, without any signal. */
const RECHECK = '1 hour';
/** Past this many history events, an idle controller hands over to a fresh run. */
const MAX_HISTORY_EVENTS = 2_000;
/**
 * ... or past this many bytes, whatever the count: signals of a megabyte each (dropped, but kept
 * in the history by Temporal) would otherwise take it to Temporal's 50 MB, where the server ends
 * the run, and past 4 MB no client can even read it. A controller's own events are small: 2,000
 * of them stay well under this. (The size Temporal reports lags behind the newest signals.)
 */
const MAX_HISTORY_BYTES = 2 * 1024 * 1024;
/** Runs from before the size counted replay without it. */
const HISTORY_SIZE_PATCH = 'hand-over-on-history-size';

/**
 * The deployment's retraining controller: it hears of new data, drift and requests, decides by
 * its rules when to train, runs trainModel one at a time with at most one more queued behind,
 * and records every decision with its reason.
 */
export async function retrainController(given: ControllerInput = {}): Promise<void> {
  const input = parseInput(controllerInputSchema, given ?? {});
  const { workflowId } = workflowInfo();
  const status = initialStatus(input);
  // Runs that began before inputs were parsed were checked this way; parsed input passes it.
  const problem = thresholdsProblem(status.thresholds);
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'BadThresholds');
  const c: Controller = {
    workflowId,
    input,
    status,
    inbox: [],
    waitingForData: false,
    heldForData: null,
    recheck: true,
    handOver: false,
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
    if (idle && (c.handOver || historyTooLong())) {
      await condition(allHandlersFinished);
      // A request held for data goes in the queue slot: the next run offers it, and holds it
      // again if there is still no data.
      const carried = { ...status, queued: status.queued ?? c.heldForData };
      await continueAsNew<typeof retrainController>({ ...input, carried });
    }
    const woke = await condition(
      () =>
        c.inbox.length > 0 ||
        c.recheck ||
        (!status.running && (status.queued !== null || c.handOver)),
      RECHECK,
    );
    if (!woke) c.recheck = true;
  }
}

/**
 * The controller's signals, query and updates: they parse what they are sent and note it; the
 * loop acts on it. A signal that does not parse is dropped, logged and counted in the status.
 */
function listen(c: Controller): void {
  const { status, inbox } = c;
  setHandler(statusQuery, () => status);
  setHandler(dataIngestedSignal, (sent: unknown) => {
    const heard = parsedSignal(c, 'dataIngested', dataIngestedSchema, sent);
    if (!heard) return;
    status.backlog += Math.max(0, heard.rows);
    c.waitingForData = false;
    c.recheck = true;
    if (c.heldForData) {
      inbox.push(c.heldForData);
      c.heldForData = null;
    }
  });
  setHandler(driftDetectedSignal, (sent: unknown) => {
    const drift = parsedSignal(c, 'driftDetected', driftDetectedSchema, sent);
    if (!drift) return;
    const request = driftRequest(status.thresholds, drift);
    if (request) inbox.push(request);
  });
  setHandler(retrainRequestedSignal, (sent: unknown) => {
    const asked = parsedSignal(c, 'retrainRequested', retrainAskSchema, sent);
    if (!asked) return;
    status.requestsReceived++;
    inbox.push(askedFor(asked));
  });
  setHandler(
    requestRetrainUpdate,
    (sent: unknown): RetrainTicket => {
      // The validator passed it (replays skip validators, but replay what was accepted).
      const asked = parsedUpdate(retrainAskSchema, sent, 'request');
      status.requestsReceived++;
      inbox.push(askedFor(asked));
      return { request: status.requestsReceived };
    },
    { validator: (sent: unknown) => void parsedUpdate(retrainAskSchema, sent, 'request') },
  );
  setHandler(
    setThresholdsUpdate,
    (sent: unknown) => {
      const change = parsedUpdate(thresholdChangeSchema, sent ?? {}, 'thresholds');
      const next = withThresholds(status, change);
      status.thresholds = next.thresholds;
      status.floorHandledFor = next.floorHandledFor;
      c.recheck = true;
      return status.thresholds;
    },
    {
      validator: (change: unknown) => {
        const why = thresholdsProblem(change ?? {});
        if (why) throw ApplicationFailure.nonRetryable(why, 'BadInput');
      },
    },
  );
}

/** The signal's argument if it parses; otherwise it is counted, logged and undefined. */
function parsedSignal<S extends z.ZodType>(
  c: Controller,
  signal: ControllerSignal,
  schema: S,
  sent: unknown,
): z.output<S> | undefined {
  if (!patched(PARSED_SIGNALS_PATCH)) return sent as z.output<S>;
  const result = checked(schema, sent, 'signal');
  if (result.ok) return result.value;
  c.status.rejectedSignals = withRejectedSignal(
    c.status.rejectedSignals,
    signal,
    result.problem,
    new Date().toISOString(),
  );
  log.warn('signal dropped: it does not parse', { signal, problem: result.problem });
  // Nothing else wakes the loop for a dropped signal, yet its bytes stay in the history.
  if (historyTooLong()) c.handOver = true;
  return undefined;
}

/** Time to hand over to a fresh run, by the count of events or by their size. */
function historyTooLong(): boolean {
  const info = workflowInfo();
  if (info.historyLength > MAX_HISTORY_EVENTS) return true;
  const large = info.historySize > MAX_HISTORY_BYTES || info.continueAsNewSuggested;
  return large && patched(HISTORY_SIZE_PATCH);
}

/** An update's argument, parsed; a failure refuses the update (not the workflow) with its field. */
function parsedUpdate<S extends z.ZodType>(schema: S, sent: unknown, root: string): z.output<S> {
  const result = checked(schema, sent, root);
  if (!result.ok) throw ApplicationFailure.nonRetryable(result.problem, 'BadInput');
  return result.value;
}
