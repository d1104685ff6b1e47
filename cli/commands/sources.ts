import type { Command } from 'commander';

export function registerSourcesCommand(program: Command): void {
  const sources = program.command('sources').description('registered sources and their accounting');
  sources
    .command('show [id]', { isDefault: true })
    .description('rows, loaded, rejected and pending per source, and the check that none is lost')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, options: { json?: boolean }) => {
      const { runSourcesShow } = await import('../data/sources');
      await runSourcesShow({ id, json: options.json });
    });
}
