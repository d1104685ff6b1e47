import type { Command } from 'commander';
import type { ResetCommandOptions } from '../data/reset';

export function registerResetCommand(program: Command): void {
  program
    .command('reset')
    .description(
      'run the resetData workflow: empty the ingested products and images, keep sources and models',
    )
    .option('--yes', 'confirm: without it, reset refuses')
    .option('--sample <n>', 'then load a stratified sample of N labelled rows', Number)
    .option('--seed <n>', 'seed of the sample', Number, 42)
    .action(async (options: ResetCommandOptions) => {
      const { runReset } = await import('../data/reset');
      await runReset(options);
    });
}
