/** The retraining controller's state records: pure, so they are tested without Temporal. */
import { DEFAULT_THRESHOLDS } from '../core/contracts/retrain-controller';
import type {
  ControllerInput,
  ControllerStatus,
  RetrainRequest,
  TrainingOutcome,
} from '../core/contracts/retrain-controller';

/** The state carried over from the previous run, or a fresh one. */
export function initialStatus(input: ControllerInput): ControllerStatus {
  return (
    input.carried ?? {
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
    }
  );
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
    reason: run.reason,
    finishedAt,
    coversRequest: status.running?.coversRequest ?? status.requestsReceived,
  };
}
