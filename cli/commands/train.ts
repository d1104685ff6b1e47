import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import { RETRAIN_CONTROLLER_ID } from '../../core/contracts/retrain-controller';
import { statusQuery } from '../../core/contracts/retrain-controller-messages';
import { requestRetraining } from '../../core/temporal/retrain-controller';
import { cliActor } from '../actor';
import { temporalUiUrl } from '../clients';
import { uiLink } from '../run-workflow';
import { withTemporalClient } from '../temporal-client';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description('ask the retraining controller for a training now (trainModel on all the data)')
    .option('--wait', 'follow it to the end and print the outcome')
    .option('--reason <text>', 'why, for the decision record')
    .action(runTrainRequest);
}

/**
 * Asks the controller for a training (starting the controller if need be), so a manual training
 * obeys the same one-at-a-time rule; with --wait, follows it to the end.
 */
async function runTrainRequest(options: { wait?: boolean; reason?: string }): Promise<void> {
  const config = loadConfig();
  await withTemporalClient(config, async (client) => {
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
