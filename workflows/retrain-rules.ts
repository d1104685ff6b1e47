/**
 * When the retraining controller trains: its rules, pure, so they are tested without Temporal.
 * The workflow applies what they return at the moment it asks them.
 */
import { severityRank } from '../core/contracts/drift-severity';
import type { DriftSeverity } from '../core/contracts/drift-severity';
import type {
  ControllerStatus,
  RetrainRequest,
  Thresholds,
} from '../core/contracts/retrain-controller';

export interface RuleState extends Pick<
  ControllerStatus,
  'thresholds' | 'champion' | 'backlog' | 'floorHandledFor'
> {
  /** A snapshot found no labelled rows: nothing is asked for until data comes. */
  waitingForData: boolean;
}

export interface RuleAnswer {
  request: RetrainRequest | undefined;
  /** Asking marks a floor breach handled, so the same champion is not retrained twice for it. */
  floorHandledFor: string | null;
}

/** What the rules ask for now, if anything: a first model, a champion below the floor, a backlog. */
export function ruleRequest(state: RuleState): RuleAnswer {
  const { thresholds, champion, backlog, floorHandledFor } = state;
  if (state.waitingForData) return { request: undefined, floorHandledFor };
  if (!champion) {
    return {
      request: { trigger: 'first_model', reason: 'there is no champion yet', by: 'workflow' },
      floorHandledFor,
    };
  }
  if (
    champion.goldWeightedF1 !== null &&
    champion.goldWeightedF1 < thresholds.f1Floor &&
    floorHandledFor !== champion.version
  ) {
    return {
      request: {
        trigger: 'f1_floor',
        reason: `champion ${champion.version} scores ${champion.goldWeightedF1.toFixed(4)}, below the floor ${thresholds.f1Floor}`,
        by: 'workflow',
      },
      floorHandledFor: champion.version,
    };
  }
  if (backlog >= thresholds.backlogRows) {
    return {
      request: {
        trigger: 'backlog',
        reason: `${backlog} new labelled rows, at or over ${thresholds.backlogRows}`,
        by: 'workflow',
      },
      floorHandledFor,
    };
  }
  return { request: undefined, floorHandledFor };
}

/**
 * A rule's request is already covered by a queued training (it will see the same data) or by a
 * running one started for the same reason.
 */
export function worthOffering(
  wanted: RetrainRequest | undefined,
  status: Pick<ControllerStatus, 'running' | 'queued'>,
): wanted is RetrainRequest {
  return wanted !== undefined && !status.queued && status.running?.trigger !== wanted.trigger;
}

/** Drift at or above the threshold severity asks for a retrain; 'none' never does. */
export function driftRequest(
  thresholds: Pick<Thresholds, 'driftSeverity'>,
  { reportId, severity }: { reportId: string; severity: DriftSeverity },
): RetrainRequest | undefined {
  const rank = severityRank(severity);
  if (rank >= severityRank(thresholds.driftSeverity) && rank > 0) {
    return {
      trigger: 'drift',
      reason: `drift report ${reportId} is ${severity} (threshold ${thresholds.driftSeverity})`,
      by: 'workflow',
    };
  }
  return undefined;
}

/** Someone asked (`retrainRequested`); an empty reason still records that they asked. */
export function askedFor({ by, reason }: { by: string; reason: string }): RetrainRequest {
  return { trigger: 'request', reason: reason || 'asked for', by };
}

/** Never two trainings at once, and at most one queued behind the running one. */
export type Admission = 'train' | 'queue' | 'skip';

export function admit(status: Pick<ControllerStatus, 'running' | 'queued'>): Admission {
  if (!status.running) return 'train';
  if (!status.queued) return 'queue';
  return 'skip';
}

/** The reason recorded for a request that is not trained at once. */
export function heldReason(admission: 'queue' | 'skip', request: RetrainRequest): string {
  return admission === 'queue'
    ? `a training is running; queued: ${request.reason}`
    : `a training is running and another is queued: ${request.reason}`;
}

/**
 * New thresholds (already validated); a new floor is a new question, so a champion already
 * retrained for the old floor may be again.
 */
export function withThresholds(
  status: Pick<ControllerStatus, 'thresholds' | 'floorHandledFor'>,
  change: Partial<Thresholds>,
): Pick<ControllerStatus, 'thresholds' | 'floorHandledFor'> {
  return {
    thresholds: { ...status.thresholds, ...change },
    floorHandledFor: change.f1Floor !== undefined ? null : status.floorHandledFor,
  };
}
