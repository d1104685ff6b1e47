/** Shared by the `driftCheck` workflow, its activity, the schedule, the CLI and tests. */
import { z } from 'zod';
import {
  driftThresholdOverridesSchema,
  resolveDriftThresholds,
} from '../../models/drift/thresholds';
import { driftSeveritySchema } from './drift-severity';
import type { DriftSeverity } from './drift-severity';
import { boundedInt, workflowIdSchema } from './fields';

/** What the current data is: recent ingestion and recent predictions. */
export const driftWindowSchema = z.strictObject({
  /** Products of the last this many committed ingestion batches (at most 50,000 products). */
  batches: boundedInt(1, 1_000),
  /** The last this many prediction-log rows of the champion. */
  predictions: boundedInt(1, 100_000),
  /** Rows drawn from the champion's training snapshot as the reference, each scored by it. */
  referenceRows: boundedInt(1, 50_000),
});
export type DriftWindow = z.infer<typeof driftWindowSchema>;

/** Eight 15-minute batches: the two hours since the previous scheduled check. */
export const DEFAULT_DRIFT_WINDOW: DriftWindow = {
  batches: 8,
  predictions: 5_000,
  referenceRows: 5_000,
};

/** Drift at or above this severity is signalled to the retraining controller. */
export const DEFAULT_SIGNAL_SEVERITY: DriftSeverity = 'medium';

/** Overrides whose shape is right and whose bands, merged with the defaults, are in order. */
const thresholdOverridesSchema = driftThresholdOverridesSchema.superRefine((overrides, ctx) => {
  try {
    resolveDriftThresholds(overrides);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    for (const issue of error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  }
});

export const driftCheckInputSchema = z.strictObject({
  window: driftWindowSchema.partial().optional(),
  /** Overrides of the severity thresholds (models/drift/thresholds.ts). */
  thresholds: thresholdOverridesSchema.optional(),
  signalAt: driftSeveritySchema.optional(),
  /** The controller to tell; the deployment's own by default. */
  controllerId: workflowIdSchema.optional(),
});
export type DriftCheckInput = z.input<typeof driftCheckInputSchema>;

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
