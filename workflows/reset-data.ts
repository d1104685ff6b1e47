import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { IngestActivities } from '../activities/ingest/activities';
import { resetDataInputSchema } from '../core/contracts/reset-data';
import type { ResetDataInput, ResetDataResult } from '../core/contracts/reset-data';
import { parseInput } from './parse-input';

const { resetIngestedData } = proxyActivities<IngestActivities>({
  startToCloseTimeout: '10 minutes',
});
const { loadSampleRows } = proxyActivities<IngestActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
});

/**
 * Empties the ingested data (products, rejected rows, ledger, backlog, ingested images) and
 * keeps the registered sources and the model registry; optionally reloads a sample.
 */
export async function resetData(given: ResetDataInput): Promise<ResetDataResult> {
  const input = parseInput(resetDataInputSchema, given);
  if (input.confirm !== true) {
    throw ApplicationFailure.nonRetryable(
      'resetData deletes every ingested product; start it with confirm: true',
      'NotConfirmed',
    );
  }
  if (input.sample !== undefined && (!Number.isInteger(input.sample) || input.sample < 1)) {
    throw ApplicationFailure.nonRetryable(
      `sample must be a positive integer, not ${String(input.sample)}`,
      'BadInput',
    );
  }
  const deleted = await resetIngestedData();
  if (input.sample === undefined) return { deleted };
  const sample = await loadSampleRows({
    rows: input.sample,
    seed: input.seed ?? 42,
    batchId: `sample:${workflowInfo().workflowId}`,
  });
  return { deleted, sample };
}
