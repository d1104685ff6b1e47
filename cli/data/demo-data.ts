import { writeChallengeFiles } from '../../synthetic';
import { UserError } from '../user-error';

/** `rakuten demo-data`: a seeded synthetic catalogue in the challenge's X/Y layout. */
export async function runDemoData(options: {
  rows: number;
  seed: number;
  out: string;
}): Promise<void> {
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
