/** The retraining controller's state records: pure, so they are tested without Temporal. */
import { clipRecord } from '../core/contracts/fields';
import { DEFAULT_THRESHOLDS } from '../core/contracts/retrain-controller';
import type {
  ControllerInput,
  ControllerSignal,
  ControllerStatus,
  RejectedSignal,
  RetrainRequest,
  TrainingOutcome,
} from '../core/contracts/retrain-controller';

/** The state carried over from the previous run (one from before signals were counted has no count), or a fresh one. */
export function initialStatus(input: ControllerInput): ControllerStatus {
  if (input.carried)
    return { ...input.carried, rejectedSignals: input.carried.rejectedSignals ?? {} };
  return {
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
    rejectedSignals: {},
  };
}

/** A dropped signal, counted under its name with what was wrong with it. */
export function withRejectedSignal(
  rejected: ControllerStatus['rejectedSignals'],
  signal: ControllerSignal,
  problem: string,
  at: string,
): ControllerStatus['rejectedSignals'] {
  const entry: RejectedSignal = {
    count: (rejected[signal]?.count ?? 0) + 1,
    lastProblem: problem,
    lastAt: at,
  };
  return { ...rejected, [signal]: entry };
}

/** A training starting now answers every request received so far. */
export function runningEntry(
  request: RetrainRequest,
  startedAt: string,
  requestsReceived: number,
): NonNullable<ControllerStatus['running']> {
  return { ...request, workflowId: null, startedAt, coversRequest: requestsReceived };
}

/** How a training ended, as `status.lastTraining` shows it. */
export function trainingRecord(
  status: Pick<ControllerStatus, 'running' | 'requestsReceived'>,
  run: Pick<TrainingOutcome, 'workflowId' | 'trigger' | 'outcome' | 'modelVersion' | 'reason'>,
  finishedAt: string,
): TrainingOutcome {
  return {
    workflowId: run.workflowId,
    trigger: run.trigger,
    outcome: run.outcome,
    modelVersion: run.modelVersion,
    reason: clipRecord(run.reason),
    finishedAt,
    coversRequest: status.running?.coversRequest ?? status.requestsReceived,
  };
}
