import type { Command } from 'commander';
import { writeChallengeFiles } from '../../synthetic';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description("write a seeded synthetic French catalogue in the challenge's X/Y layout")
    .requiredOption('--rows <n>', 'number of products', Number)
    .option('--seed <n>', 'seed: the same seed gives the same files', Number, 42)
    .requiredOption('--out <dir>', 'folder to write X_synthetic.csv and Y_synthetic.csv to')
    .action(runDemoData);
}

async function runDemoData(options: { rows: number; seed: number; out: string }): Promise<void> {
  try {
    const files = await writeChallengeFiles({
      rows: options.rows,
      seed: options.seed,
      outDir: options.out,
    });
    process.stdout.write(`${JSON.stringify(files)}\n`);
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(error.message);
    throw error;
  }
}
