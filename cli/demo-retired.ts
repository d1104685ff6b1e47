import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Config } from '../core/config/config';
import type { DemoStepAside } from '../activities/sources/demo-steps-aside';
import { DEMO_RETIRED_REASON } from '../activities/sources/demo-steps-aside';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import { requestRetraining } from '../core/temporal/retrain-controller';
import type { ingestBatch } from '../workflows';
import { withTemporalClient } from './temporal-client';

/** Asks for a training on the new source's rows, on someone's behalf, with a reason. */
export type AskTraining = (by: string, reason: string, sourceId: string) => Promise<void>;

/**
 * The deployment's stack: an ingestion of every row not loaded yet starts now rather than at the
 * schedule's next quarter hour, and the controller is asked through the request path `rakuten
 * train` uses. The request finds the rows not ingested yet and waits for them, so the training
 * is on the real data, not on nothing.
 */
export function controllerAsker(config: Config): AskTraining {
  return async (by, reason, sourceId) => {
    await withTemporalClient(config, async (client) => {
      try {
        await client.workflow.start<typeof ingestBatch>('ingestBatch', {
          taskQueue: PIPELINE_TASK_QUEUE,
          // One per source: importing again does not start a second.
          workflowId: `ingest-first-real-${sourceId}`,
          args: [{ all: true }],
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      await requestRetraining(client, by, reason);
    });
  };
}

/**
 * What `rakuten import` says when the demo source stepped aside (or was kept), and the training
 * it asks for: the champion learnt from demo rows, so the controller trains on the real data
 * now rather than after a backlog of rows (a request that finds them not ingested yet waits for
 * them). The import stands whatever Temporal answers.
 */
export async function reportDemoStepAside(
  sourceId: string,
  demo: DemoStepAside,
  {
    actor,
    askTraining,
    write,
  }: { actor: string; askTraining: AskTraining; write: (line: string) => void },
): Promise<void> {
  for (const kept of demo.kept) {
    write(`the demo source ${kept.sourceId} stays active (DEMO_KEEP=true)\n`);
  }
  const first = demo.retired[0];
  if (!first) return;
  const ids = demo.retired.map((d) => d.sourceId).join(', ');
  write(
    `retired the demo source ${ids}: models now learn from your data (to keep it: DEMO_KEEP=true when importing, or \`rakuten sources reactivate ${first.sourceId} --reason "…"\`)\n`,
  );
  try {
    await askTraining(actor, DEMO_RETIRED_REASON, sourceId);
    write(
      `asked for ${sourceId} to be ingested and for a training on it: \`rakuten retrain status\` follows it\n`,
    );
  } catch (error) {
    write(
      `the retraining controller was not told (${(error as Error).message}): once the stack runs, \`rakuten train --reason "${DEMO_RETIRED_REASON}"\`\n`,
    );
  }
}
