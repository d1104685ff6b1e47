import type { Command } from 'commander';
import { DEFAULT_BATCH_SIZE } from '../../core/contracts/ingest-batch';
import type { IngestCommandOptions } from '../data/ingest';

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('run the ingestBatch workflow: load the next rows of the registered sources')
    .option('--batch-size <n>', 'rows to load', Number, DEFAULT_BATCH_SIZE)
    .option('--all', 'keep going until every registered row is loaded')
    .option('--wait', 'wait for the end, with a progress bar, and print the counts')
    .action(async (options: IngestCommandOptions) => {
      const { runIngest } = await import('../data/ingest');
      await runIngest(options);
    });
}
