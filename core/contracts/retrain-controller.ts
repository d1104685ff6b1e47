/** Shared by the `retrainController` workflow, ingestion, the CLI and tests. */
import { DRIFT_SEVERITIES } from './drift-severity';
import type { DriftSeverity } from './drift-severity';
import type { TrainModelInput } from './train-model';

/** The controller of a deployment: one entity workflow under a fixed ID. */
export const RETRAIN_CONTROLLER_ID = 'retrain-controller';

export interface Thresholds {
  /** A champion whose gold weighted F1 is below this is retrained at once. */
  f1Floor: number;
  /** New labelled rows that trigger a retrain. */
  backlogRows: number;
  /** Drift at or above this severity triggers a retrain. */
  driftSeverity: DriftSeverity;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  f1Floor: 0.7,
  backlogRows: 10_000,
  driftSeverity: 'high',
};

/** What the controller did about a request, as `retrain_decisions` records it. */
export type RetrainAction = 'train' | 'queue' | 'skip' | 'done' | 'failed';

export type RetrainTrigger = 'first_model' | 'backlog' | 'f1_floor' | 'drift' | 'request';

export interface RetrainRequest {
  trigger: RetrainTrigger;
  reason: string;
  by: string;
}

export interface TrainingOutcome {
  workflowId: string | null;
  trigger: RetrainTrigger;
  /** promoted, rejected (kept a candidate), unchanged (this data was trained on) or failed. */
  outcome: 'promoted' | 'rejected' | 'unchanged' | 'failed';
  modelVersion: string | null;
  reason: string;
  finishedAt: string;
  /** Requests received before this training started: it answers every one of them. */
  coversRequest: number;
}

export interface ControllerStatus {
  thresholds: Thresholds;
  backlog: number;
  champion: { version: string; goldWeightedF1: number | null } | null;
  running:
    | (RetrainRequest & { workflowId: string | null; startedAt: string; coversRequest: number })
    | null;
  queued: RetrainRequest | null;
  lastDecision: { action: string; trigger: string; reason: string; at: string } | null;
  lastTraining: TrainingOutcome | null;
  requestsReceived: number;
  trainingsStarted: number;
  /** The champion a floor breach was acted on: the same champion is not retrained twice for it. */
  floorHandledFor: string | null;
}

/** Training settings the controller passes to every trainModel run. */
export type TrainingSettings = Pick<
  TrainModelInput,
  'families' | 'folds' | 'seed' | 'gate' | 'heartbeatTimeoutSeconds' | 'trainingTaskQueue'
>;

export interface ControllerInput {
  thresholds?: Partial<Thresholds>;
  training?: TrainingSettings;
  /** State handed over by continue-as-new. */
  carried?: ControllerStatus;
}

/** The workflow's signature, for clients that start it by name without importing workflows. */
export type RetrainControllerWorkflow = (input?: ControllerInput) => Promise<void>;

/** Why a set of thresholds is nonsense, or undefined if it is fine. */
export function thresholdsProblem(t: Partial<Thresholds>): string | undefined {
  if (
    t.f1Floor !== undefined &&
    !(Number.isFinite(t.f1Floor) && t.f1Floor >= 0 && t.f1Floor <= 1)
  ) {
    return `f1Floor must be between 0 and 1, not ${t.f1Floor}`;
  }
  if (t.backlogRows !== undefined && !(Number.isInteger(t.backlogRows) && t.backlogRows >= 1)) {
    return `backlogRows must be a positive integer, not ${t.backlogRows}`;
  }
  if (t.driftSeverity !== undefined && !DRIFT_SEVERITIES.includes(t.driftSeverity)) {
    return `driftSeverity must be one of ${DRIFT_SEVERITIES.join(', ')}, not ${String(t.driftSeverity)}`;
  }
  const known = new Set(['f1Floor', 'backlogRows', 'driftSeverity']);
  const unknown = Object.keys(t).filter((k) => !known.has(k));
  if (unknown.length > 0) return `unknown thresholds: ${unknown.join(', ')}`;
  return undefined;
}
