import type { Command } from 'commander';
import {
  DEFAULT_BATCH_SIZE,
  ingestBatchInputSchema,
  ingestProgressQuery,
} from '../../core/contracts/ingest-batch';
import { parseContract } from '../../core/contracts/parse';
import type { IngestBatchResult } from '../../core/contracts/ingest-batch';
import { loadConfig } from '../../core/config/config';
import { PIPELINE_TASK_QUEUE } from '../../core/contracts/task-queues';
import { connectClient } from '../../core/temporal/connection';
import type { ingestBatch } from '../../workflows';
import { temporalUiUrl } from '../clients';
import { createProgress } from '../progress';
import { manualWorkflowId, resultOf, uiLink } from '../run-workflow';
import { answerWithin, NotAnsweredError } from '../temporal-errors';

export function register(command: Command): void {
  command
    .description('run the ingestBatch workflow: load the next rows of the registered sources')
    .option('--batch-size <n>', 'rows to load', Number, DEFAULT_BATCH_SIZE)
    .option('--all', 'keep going until every registered row is loaded')
    .option('--wait', 'wait for the end, with a progress bar, and print the counts')
    .action(runIngest);
}

interface IngestCommandOptions {
  batchSize: number;
  all?: boolean;
  wait?: boolean;
}

/** `rakuten ingest`: one ingestBatch workflow run, optionally watched to the end. */
async function runIngest(options: IngestCommandOptions): Promise<void> {
  // The workflow's own contract, so the bounds are one definition.
  const input = parseContract(
    ingestBatchInputSchema,
    { batchSize: options.batchSize, all: options.all ?? false },
    'ingest',
  );
  const config = loadConfig();
  const { connection, client } = await connectClient(config.temporal);
  try {
    const workflowId = manualWorkflowId('ingest');
    const handle = await client.workflow.start<typeof ingestBatch>('ingestBatch', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId,
      args: [input],
    });
    process.stderr.write(`started ${uiLink(client, temporalUiUrl(config), workflowId)}\n`);
    if (!options.wait) {
      process.stdout.write(`${workflowId}\n`);
      return;
    }
    const progress = createProgress();
    let finished = false;
    let fraction = 0;
    const watching = (async () => {
      while (!finished) {
        try {
          const p = await answerWithin(
            client,
            config.temporal.queryTimeoutSeconds,
            'the worker did not answer the progress query',
            () => handle.query(ingestProgressQuery),
          );
          if (p.plannedRows > 0) {
            fraction = p.loadedRows / p.plannedRows;
            progress.update(fraction, `ingesting ${p.loadedRows}/${p.plannedRows} rows`);
          }
        } catch (error) {
          // A busy worker: the ingestion goes on, and the bar says why it stands still.
          if (error instanceof NotAnsweredError) {
            progress.update(fraction, `${error.message}; still waiting`);
          }
          // Otherwise no worker has answered yet, or the run just moved on (continue-as-new).
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    try {
      const result = await resultOf<IngestBatchResult>(handle, 'ingestion');
      process.stdout.write(
        `${JSON.stringify({ workflowId, ...result, batches: result.batches.length })}\n`,
      );
    } finally {
      finished = true;
      await watching;
      progress.stop();
    }
  } finally {
    await connection.close();
  }
}
