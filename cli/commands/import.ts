import type { Command } from 'commander';
import type { ImportCommandOptions } from '../data/import';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('stream challenge files into the raw bucket and register them as a source')
    .requiredOption(
      '--x <file>',
      "the challenge's X file, or a CSV with designation[,description][,prdtypecode]",
    )
    .option('--y <file>', "the challenge's Y file (,prdtypecode) for a challenge X file")
    .option(
      '--images <dir|zip>',
      'a folder or ZIP of image_{imageid}_product_{productid}.jpg files',
    )
    .option('--name <name>', 'a name to know the source by (default: the X file name)')
    .option('--json', 'print the result as JSON')
    .action(async (options: ImportCommandOptions) => {
      const { runImport } = await import('../data/import');
      await runImport(options);
    });
}
