import type { Command } from 'commander';
import type { DriftCheckOptions } from '../monitoring/drift';

export function registerDriftCommands(program: Command): void {
  const drift = program
    .command('drift')
    .description('drift checks: recent data against the champion model training data');
  drift
    .command('check')
    .description('run the driftCheck workflow now (the drift-every-2h schedule runs it too)')
    .option('--wait', 'wait for the report and print it')
    .option('--json', 'print JSON')
    .option('--batches <n>', 'current window: products of the last N ingestion batches', Number)
    .option('--predictions <n>', 'current window: the last N predictions of the champion', Number)
    .option('--reference-rows <n>', 'rows drawn from the champion training snapshot', Number)
    .option('--signal-at <severity>', 'tell the retraining controller at this severity or above')
    .action(async (options: DriftCheckOptions) => {
      const { runDriftCheck } = await import('../monitoring/drift');
      await runDriftCheck(options);
    });
  drift
    .command('list')
    .description('the newest drift reports')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { runDriftList } = await import('../monitoring/drift');
      await runDriftList(options);
    });
  drift
    .command('show <id>')
    .description('one drift report, with every feature and statistic')
    .action(async (id: string) => {
      const { runDriftShow } = await import('../monitoring/drift');
      await runDriftShow(id);
    });
}
