import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { loadConfig } from '../../core/config/config';
import { connectClient } from '../../core/temporal/connection';
import { requestRetraining } from '../../core/temporal/retrain-controller';
import { setThresholdsUpdate, statusQuery } from '../../core/contracts/retrain-controller-messages';
import { RETRAIN_CONTROLLER_ID } from '../../core/contracts/retrain-controller';
import type { ControllerStatus, Thresholds } from '../../core/contracts/retrain-controller';
import { temporalUiUrl } from '../data/clients';
import { uiLink } from '../data/run-workflow';
import { UserError } from '../user-error';
import { cliActor } from './actor';

async function withClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const { connection, client } = await connectClient(loadConfig().temporal);
  try {
    return await run(client);
  } finally {
    await connection.close();
  }
}

async function statusOf(client: Client): Promise<ControllerStatus> {
  try {
    return await client.workflow.getHandle(RETRAIN_CONTROLLER_ID).query(statusQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new UserError(
        'the retraining controller is not running: `npm start` or `rakuten setup` starts it',
      );
    }
    throw error;
  }
}

/**
 * `rakuten train`: asks the controller for a training (starting the controller if need be), so
 * a manual training obeys the same one-at-a-time rule; with --wait, follows it to the end.
 */
export async function runTrainRequest(options: { wait?: boolean; reason?: string }): Promise<void> {
  const config = loadConfig();
  await withClient(async (client) => {
    const handle = await requestRetraining(
      client,
      cliActor(),
      options.reason ?? 'asked for from the CLI',
    );
    process.stderr.write(
      `asked ${uiLink(client, temporalUiUrl(config), RETRAIN_CONTROLLER_ID)} for a training\n`,
    );
    if (!options.wait) return;
    const asked = (await handle.query(statusQuery)).requestsReceived;
    let shown = '';
    for (;;) {
      const status = await handle.query(statusQuery);
      const last = status.lastTraining;
      if (last && last.coversRequest >= asked) {
        process.stdout.write(`${JSON.stringify(last)}\n`);
        if (last.outcome === 'failed') throw new UserError(`training failed: ${last.reason}`);
        return;
      }
      const now = status.running?.workflowId
        ? `training: ${uiLink(client, temporalUiUrl(config), status.running.workflowId)}`
        : 'waiting for the training to start';
      if (now !== shown) process.stderr.write(`${now}\n`);
      shown = now;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  });
}

export async function runRetrainStatus(options: { json?: boolean }): Promise<void> {
  await withClient(async (client) => {
    const status = await statusOf(client);
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
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

export async function runRetrainThresholds(options: {
  f1Floor?: number;
  backlog?: number;
}): Promise<void> {
  const change: Partial<Thresholds> = {};
  if (options.f1Floor !== undefined) change.f1Floor = options.f1Floor;
  if (options.backlog !== undefined) change.backlogRows = options.backlog;
  if (Object.keys(change).length === 0) {
    throw new UserError('give --f1-floor and/or --backlog');
  }
  await withClient(async (client) => {
    await statusOf(client);
    try {
      const thresholds = await client.workflow
        .getHandle(RETRAIN_CONTROLLER_ID)
        .executeUpdate(setThresholdsUpdate, { args: [change] });
      process.stdout.write(`${JSON.stringify(thresholds)}\n`);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        throw new UserError(`thresholds refused: ${error.cause?.message ?? error.message}`);
      }
      throw error;
    }
  });
}
