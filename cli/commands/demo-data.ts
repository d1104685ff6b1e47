import type { Command } from 'commander';

export function registerDemoDataCommand(program: Command): void {
  program
    .command('demo-data')
    .description("write a seeded synthetic French catalogue in the challenge's X/Y layout")
    .requiredOption('--rows <n>', 'number of products', Number)
    .option('--seed <n>', 'seed: the same seed gives the same files', Number, 42)
    .requiredOption('--out <dir>', 'folder to write X_synthetic.csv and Y_synthetic.csv to')
    .action(async (options: { rows: number; seed: number; out: string }) => {
      const { runDemoData } = await import('../data/demo-data');
      await runDemoData(options);
    });
}
