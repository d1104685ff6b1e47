/** Shared by the `driftCheck` workflow, its activity, the schedule, the CLI and tests. */
import type { DriftSeverity } from './drift-severity';

/** What the current data is: recent ingestion and recent predictions. */
export interface DriftWindow {
  /** Products of the last this many committed ingestion batches. */
  batches: number;
  /** The last this many prediction-log rows of the champion. */
  predictions: number;
  /** Rows drawn from the champion's training snapshot as the reference. */
  referenceRows: number;
}

/** Eight 15-minute batches: the two hours since the previous scheduled check. */
export const DEFAULT_DRIFT_WINDOW: DriftWindow = {
  batches: 8,
  predictions: 5_000,
  referenceRows: 5_000,
};

/** Drift at or above this severity is signalled to the retraining controller. */
export const DEFAULT_SIGNAL_SEVERITY: DriftSeverity = 'medium';

export interface DriftCheckInput {
  window?: Partial<DriftWindow>;
  /** Overrides of the severity thresholds (see drift/severity.ts), checked by the activity. */
  thresholds?: Record<string, unknown>;
  signalAt?: DriftSeverity;
  /** The controller to tell; the deployment's own by default. */
  controllerId?: string;
}

export const DRIFT_CHECK_STATUSES = ['ok', 'insufficient_data'] as const;
export type DriftCheckStatus = (typeof DRIFT_CHECK_STATUSES)[number];

export interface DriftCheckResult {
  reportId: string;
  status: DriftCheckStatus;
  severity: DriftSeverity;
  reason: string;
  championVersion: string | null;
  /** Features at low severity or above, most severe first. */
  drifted: { feature: string; severity: DriftSeverity }[];
  /** Key of the HTML report in the reports bucket; null when there was nothing to compare. */
  reportKey: string | null;
  /** Whether the retraining controller was told. */
  signalled: boolean;
}

export const driftReportKey = (reportId: string) => `drift/${reportId}.html`;
