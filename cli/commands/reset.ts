import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import { parseContract } from '../../core/contracts/parse';
import { resetDataInputSchema } from '../../core/contracts/reset-data';
import type { ResetDataResult } from '../../core/contracts/reset-data';
import { PIPELINE_TASK_QUEUE } from '../../core/contracts/task-queues';
import { connectClient } from '../../core/temporal/connection';
import type { resetData } from '../../workflows';
import { resultOf } from '../run-workflow';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description(
      'run the resetData workflow: empty the ingested products and images, keep sources and models',
    )
    .option('--yes', 'confirm: without it, reset refuses')
    .option('--sample <n>', 'then load a stratified sample of N labelled rows', Number)
    .option('--seed <n>', 'seed of the sample', Number, 42)
    .action(runReset);
}

interface ResetCommandOptions {
  yes?: boolean;
  sample?: number;
  seed: number;
}

/** `rakuten reset --yes [--sample N]`: the resetData workflow, waited for. */
async function runReset(options: ResetCommandOptions): Promise<void> {
  if (!options.yes) {
    throw new UserError(
      'reset deletes every ingested product, rejected row and ingested image (sources and models stay); run it again with --yes',
      2,
    );
  }
  // The workflow's own contract, so the bounds are one definition.
  const input = parseContract(
    resetDataInputSchema,
    { confirm: true, sample: options.sample, seed: options.seed },
    'reset',
  );
  const config = loadConfig();
  const { connection, client } = await connectClient(config.temporal);
  try {
    const handle = await client.workflow.start<typeof resetData>('resetData', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId: `reset-${randomUUID().slice(0, 8)}`,
      args: [input],
    });
    const result = await resultOf<ResetDataResult>(handle, 'reset');
    process.stdout.write(`${JSON.stringify({ workflowId: handle.workflowId, ...result })}\n`);
  } finally {
    await connection.close();
  }
}
