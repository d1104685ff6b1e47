import {
  ApplicationFailure,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { IngestActivities } from '../activities/ingest/activities';
import {
  DEFAULT_BATCH_SIZE,
  ingestBatchInputSchema,
  ingestProgressQuery,
} from '../core/contracts/ingest-batch';
import { dataIngestedSignal } from '../core/contracts/retrain-controller-messages';
import { RETRAIN_CONTROLLER_ID } from '../core/contracts/retrain-controller';
import type {
  IngestBatchInput,
  IngestBatchResult,
  IngestCounts,
  IngestProgress,
} from '../core/contracts/ingest-batch';
import { parseInput } from './parse-input';

const { planIngestBatches } = proxyActivities<IngestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});

// A crashed worker is noticed within a heartbeat timeout; the retry resumes after the last
// committed chunk.
const { loadIngestBatch } = proxyActivities<IngestActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Ledger batches loaded at once: PostgreSQL and S3 work on some while the worker parses others. */
const PARALLEL_BATCHES = 4;
/** With `all`, the history is handed over to a fresh run after this many rounds. */
const ROUNDS_PER_RUN = 50;

/**
 * Loads the next `batchSize` rows of the registered sources into PostgreSQL (or, with `all`,
 * every row not loaded yet), as ledger batches that each commit once: a retry, a crash or a
 * second run never loads a row twice nor loses one.
 */
export async function ingestBatch(given: IngestBatchInput = {}): Promise<IngestBatchResult> {
  const input = parseInput(ingestBatchInputSchema, given ?? {});
  const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw ApplicationFailure.nonRetryable(
      `batchSize must be a positive integer, not ${String(input.batchSize)}`,
      'BadInput',
    );
  }
  const result: IngestBatchResult = input.carried ?? {
    rows: 0,
    inserted: 0,
    updated: 0,
    rejected: 0,
    images: 0,
    batches: [],
    backlog: 0,
  };
  const progress: IngestProgress = { plannedRows: 0, loadedRows: 0, batchesDone: 0 };
  setHandler(ingestProgressQuery, () => progress);

  const { workflowId } = workflowInfo();
  let labelled = 0;
  for (let round = 0; ; round++) {
    if (input.all && round === ROUNDS_PER_RUN) {
      await tellController(labelled);
      await continueAsNew<typeof ingestBatch>({ ...input, carried: result });
    }
    const plan = await planIngestBatches({ workflowId, rows: batchSize });
    if (plan.length === 0) break;
    progress.plannedRows += plan.reduce((n, b) => n + b.endRow - b.startRow, 0);
    let next = 0;
    const lane = async () => {
      while (next < plan.length) {
        const batch = plan[next++]!;
        const { counts, backlog, newLabelled } = await loadIngestBatch(batch.id);
        labelled += newLabelled;
        add(result, counts);
        result.backlog = backlog;
        result.batches.push(batch.id);
        progress.loadedRows += counts.rows;
        progress.batchesDone++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_BATCHES, plan.length) }, lane));
    if (!input.all) break;
  }
  await tellController(labelled);
  result.batches.sort();
  return result;
}

/** The retraining controller counts new labelled rows toward its backlog threshold. */
async function tellController(rows: number): Promise<void> {
  // Runs that began before ingestion told the controller replay without the signal.
  if (rows === 0 || !patched('tell-retrain-controller')) return;
  try {
    await getExternalWorkflowHandle(RETRAIN_CONTROLLER_ID).signal(dataIngestedSignal, { rows });
  } catch (error) {
    // No controller running: it reads the backlog from the database when it starts.
    log.info('retraining controller not told of new rows', { rows, error: String(error) });
  }
}

function add(total: IngestCounts, counts: IngestCounts): void {
  total.rows += counts.rows;
  total.inserted += counts.inserted;
  total.updated += counts.updated;
  total.rejected += counts.rejected;
  total.images += counts.images;
}
