/**
 * One training of the retraining controller: what it is started with and what its end says.
 * Pure, so it is tested without Temporal.
 */
import { RETRAIN_CONTROLLER_ID } from '../core/contracts/retrain-controller';
import type {
  RetrainRequest,
  TrainingOutcome,
  TrainingSettings,
} from '../core/contracts/retrain-controller';
import { trainingWorkflowId } from '../core/contracts/train-model';
import type { TrainModelInput, TrainModelResult } from '../core/contracts/train-model';

/** How a training ended, so far as it got. */
export type Finished = Pick<TrainingOutcome, 'outcome' | 'modelVersion' | 'reason'>;

/** Until a training says otherwise, it failed. */
export const NOT_FINISHED: Finished = { outcome: 'failed', modelVersion: null, reason: '' };

export function trainingArgs(
  settings: TrainingSettings | undefined,
  datasetVersion: string,
  request: RetrainRequest,
): TrainModelInput {
  return { ...settings, datasetVersion, requestedBy: request.by, reason: request.reason };
}

/** The deployment's controller uses the training's own ID; any other keeps its runs apart. */
export function childWorkflowId(controllerId: string, args: TrainModelInput): string {
  return controllerId === RETRAIN_CONTROLLER_ID
    ? trainingWorkflowId(args)
    : `${trainingWorkflowId(args)}@${controllerId}`;
}

export function childFinished(result: TrainModelResult): Finished {
  return {
    outcome: result.promoted ? 'promoted' : 'rejected',
    modelVersion: result.modelVersion,
    reason: result.reason,
  };
}

/** The same data and settings were trained on before: that run stands. */
export function alreadyTrained(childId: string, datasetVersion: string): Finished {
  return {
    outcome: 'unchanged',
    modelVersion: null,
    reason: `${childId} has already trained on dataset ${datasetVersion.slice(0, 12)}`,
  };
}

export function doneReason({ outcome, reason }: Finished): string {
  return `${outcome}: ${reason}`;
}

/** Activity and child failures wrap the error that says what went wrong. */
export function failureMessage(error: unknown): string {
  const cause = (error as { cause?: Error }).cause;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** A snapshot without labelled rows: retrying before new data comes would fail the same way. */
export function waitsForData(message: string): boolean {
  return /no labelled products/.test(message);
}
