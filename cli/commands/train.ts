import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import type { Config } from '../../core/config/config';
import { MAX_REASON_CHARS } from '../../core/contracts/fields';
import { RETRAIN_CONTROLLER_ID } from '../../core/contracts/retrain-controller';
import { statusQuery } from '../../core/contracts/retrain-controller-messages';
import type { RetrainAsk } from '../../core/contracts/retrain-controller-messages';
import { askForRetraining, requestRetraining } from '../../core/temporal/retrain-controller';
import { cliActor } from '../actor';
import { temporalUiUrl } from '../clients';
import { uiLink } from '../run-workflow';
import { answerWithin, NotAnsweredError } from '../temporal-errors';
import { withTemporalClient } from '../temporal-client';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description('ask the retraining controller for a training now (trainModel on all the data)')
    .option('--wait', 'follow it to the end and print the outcome')
    .option(
      '--reason <text>',
      `why, for the decision record (at most ${MAX_REASON_CHARS} characters)`,
    )
    .action(runTrainRequest);
}

/**
 * Asks the controller for a training (starting the controller if need be), so a manual training
 * obeys the same one-at-a-time rule. Without --wait it signals, which Temporal keeps even while
 * the worker is busy; with --wait it asks by an update, whose answer is the request's number,
 * and follows the controller until a training has answered that request.
 */
async function runTrainRequest(options: { wait?: boolean; reason?: string }): Promise<void> {
  const config = loadConfig();
  const ask: RetrainAsk = { by: cliActor(), reason: options.reason ?? 'asked for from the CLI' };
  await withTemporalClient(config, async (client) => {
    const controller = uiLink(client, temporalUiUrl(config), RETRAIN_CONTROLLER_ID);
    if (!options.wait) {
      await requestRetraining(client, ask.by, ask.reason);
      process.stderr.write(`asked ${controller} for a training\n`);
      return;
    }
    const patiently = patient(client, config);
    // One update ID for every attempt: asking again after a timeout is the same request.
    const updateId = `train-${randomUUID()}`;
    const ticket = await patiently('the retraining controller did not answer the request', () =>
      refusedAsUserError(askForRetraining(client, ask, updateId)),
    );
    process.stderr.write(`asked ${controller} for a training (request ${ticket.request})\n`);
    const handle = client.workflow.getHandle(RETRAIN_CONTROLLER_ID);
    let shown = '';
    for (;;) {
      const status = await patiently(
        'the retraining controller did not answer its status query',
        () => handle.query(statusQuery),
      );
      const last = status.lastTraining;
      if (last && last.coversRequest >= ticket.request) {
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

/**
 * Calls that are tried until they are answered: while a large training keeps the worker busy
 * the training goes on, so a timeout is said (once per silence) and the call made again.
 */
function patient(client: Client, config: Config) {
  const seconds = config.temporal.queryTimeoutSeconds;
  return async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    let said = false;
    for (;;) {
      try {
        return await answerWithin(client, seconds, what, call);
      } catch (error) {
        if (!(error instanceof NotAnsweredError)) throw error;
        if (!said) process.stderr.write(`${error.message}; still waiting\n`);
        said = true;
        // "No worker" comes back at once: ask again in a while, not in a tight loop.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  };
}

async function refusedAsUserError<T>(update: Promise<T>): Promise<T> {
  try {
    return await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      throw new UserError(`training request refused: ${error.cause?.message ?? error.message}`);
    }
    throw error;
  }
}
