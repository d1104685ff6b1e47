import type { Command } from 'commander';

export function registerRetrainCommands(program: Command): void {
  program
    .command('train')
    .description('ask the retraining controller for a training now (trainModel on all the data)')
    .option('--wait', 'follow it to the end and print the outcome')
    .option('--reason <text>', 'why, for the decision record')
    .action(async (options: { wait?: boolean; reason?: string }) => {
      const { runTrainRequest } = await import('../registry/retrain');
      await runTrainRequest(options);
    });

  const retrain = program
    .command('retrain')
    .description('the retraining controller: its state, thresholds and decisions');
  retrain
    .command('status')
    .description('thresholds, backlog, champion, running and queued trainings, last decision')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { runRetrainStatus } = await import('../registry/retrain');
      await runRetrainStatus(options);
    });
  retrain
    .command('thresholds')
    .description('change the F1 floor and/or the backlog that trigger a retrain')
    .option('--f1-floor <x>', 'retrain a champion whose gold weighted F1 is below this', Number)
    .option('--backlog <n>', 'retrain after this many new labelled rows', Number)
    .action(async (options: { f1Floor?: number; backlog?: number }) => {
      const { runRetrainThresholds } = await import('../registry/retrain');
      await runRetrainThresholds(options);
    });
}
