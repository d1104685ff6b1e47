import {
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { DriftActivities } from '../activities/drift/activities';
import {
  DEFAULT_DRIFT_WINDOW,
  DEFAULT_SIGNAL_SEVERITY,
  driftCheckInputSchema,
} from '../core/contracts/drift-check';
import type { DriftCheckInput, DriftCheckResult } from '../core/contracts/drift-check';
import { driftDetectedSignal } from '../core/contracts/retrain-controller-messages';
import { severityRank } from '../core/contracts/drift-severity';
import { RETRAIN_CONTROLLER_ID } from '../core/contracts/retrain-controller';
import { parseInput } from './parse-input';

const drift = proxyActivities<DriftActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

/**
 * Compares recent data with the champion's training data, records the report, and tells the
 * retraining controller when the drift is at or above `signalAt`. The report's ID is the
 * workflow's, so a retried run rewrites its own report.
 */
export async function driftCheck(given: DriftCheckInput = {}): Promise<DriftCheckResult> {
  const input = parseInput(driftCheckInputSchema, given ?? {});
  const reportId = workflowInfo().workflowId;
  const result = await drift.checkDrift({
    reportId,
    window: { ...DEFAULT_DRIFT_WINDOW, ...input.window },
    thresholds: input.thresholds,
  });
  const signalAt = input.signalAt ?? DEFAULT_SIGNAL_SEVERITY;
  if (
    result.status !== 'ok' ||
    severityRank(result.severity) < Math.max(1, severityRank(signalAt))
  ) {
    return result;
  }
  try {
    await getExternalWorkflowHandle(input.controllerId ?? RETRAIN_CONTROLLER_ID).signal(
      driftDetectedSignal,
      { reportId, severity: result.severity },
    );
  } catch (error) {
    // No controller running: the report stays, and the next check will find the drift again.
    log.warn('retraining controller not told of drift', { reportId, error: String(error) });
    return result;
  }
  await drift.markDriftSignalled(reportId);
  return { ...result, signalled: true };
}
