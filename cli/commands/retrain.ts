import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import type { Config } from '../../core/config/config';
import { RETRAIN_CONTROLLER_ID } from '../../core/contracts/retrain-controller';
import type { ControllerStatus, Thresholds } from '../../core/contracts/retrain-controller';
import { setThresholdsUpdate, statusQuery } from '../../core/contracts/retrain-controller-messages';
import { answerWithin } from '../temporal-errors';
import { withTemporalClient } from '../temporal-client';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command.description('the retraining controller: its state, thresholds and decisions');
  command
    .command('status')
    .description('thresholds, backlog, champion, running and queued trainings, last decision')
    .option('--json', 'print JSON')
    .action(runRetrainStatus);
  command
    .command('thresholds')
    .description('change the F1 floor and/or the backlog that trigger a retrain')
    .option('--f1-floor <x>', 'retrain a champion whose gold weighted F1 is below this', Number)
    .option('--backlog <n>', 'retrain after this many new labelled rows', Number)
    .action(runRetrainThresholds);
}

async function statusOf(client: Client, config: Config): Promise<ControllerStatus> {
  try {
    return await answerWithin(
      client,
      config.temporal.queryTimeoutSeconds,
      'the retraining controller did not answer its status query',
      () => client.workflow.getHandle(RETRAIN_CONTROLLER_ID).query(statusQuery),
    );
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new UserError(
        'the retraining controller is not running: `npm start` or `rakuten setup` starts it',
      );
    }
    throw error;
  }
}

async function runRetrainStatus(options: { json?: boolean }): Promise<void> {
  const config = loadConfig();
  await withTemporalClient(config, async (client) => {
    const status = await statusOf(client, config);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      return;
    }
    const t = status.thresholds;
    const lines = [
      `thresholds: F1 floor ${t.f1Floor}, backlog ${t.backlogRows} rows, drift ${t.driftSeverity}`,
      `backlog:    ${status.backlog} new labelled rows`,
      `champion:   ${status.champion ? `${status.champion.version} (gold weighted F1 ${status.champion.goldWeightedF1?.toFixed(4) ?? '-'})` : 'none'}`,
      `running:    ${status.running ? `${status.running.workflowId ?? 'starting'} (${status.running.trigger}: ${status.running.reason})` : 'nothing'}`,
      `queued:     ${status.queued ? `${status.queued.trigger}: ${status.queued.reason}` : 'nothing'}`,
      `last:       ${status.lastDecision ? `${status.lastDecision.action} (${status.lastDecision.trigger}) ${status.lastDecision.reason}` : 'no decision yet'}`,
      ...rejectedLines(status),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

async function runRetrainThresholds(options: {
  f1Floor?: number;
  backlog?: number;
}): Promise<void> {
  const change: Partial<Thresholds> = {};
  if (options.f1Floor !== undefined) change.f1Floor = options.f1Floor;
  if (options.backlog !== undefined) change.backlogRows = options.backlog;
  if (Object.keys(change).length === 0) {
    throw new UserError('give --f1-floor and/or --backlog');
  }
  const config = loadConfig();
  await withTemporalClient(config, async (client) => {
    await statusOf(client, config);
    try {
      const thresholds = await answerWithin(
        client,
        config.temporal.queryTimeoutSeconds,
        'the retraining controller did not answer the thresholds update',
        () =>
          client.workflow
            .getHandle(RETRAIN_CONTROLLER_ID)
            .executeUpdate(setThresholdsUpdate, { args: [change] }),
      );
      process.stdout.write(`${JSON.stringify(thresholds)}\n`);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        throw new UserError(`thresholds refused: ${error.cause?.message ?? error.message}`);
      }
      throw error;
    }
  });
}

/** Signals the controller dropped because they did not parse: how many, and the last problem. */
function rejectedLines(status: ControllerStatus): string[] {
  return Object.entries(status.rejectedSignals ?? {}).map(
    ([signal, r], i) =>
      `${i === 0 ? 'rejected:' : '         '}   ${r.count} ${signal} signal(s), last at ${r.lastAt}: ${r.lastProblem}`,
  );
}
