import type { Command } from 'commander';
import { UserError } from '../user-error';

const reasonOf = (reason: string) => {
  if (reason.trim() === '') throw new UserError('--reason must say why');
  return reason.trim();
};

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description('the model registry: versions, the champion, promotion and rollback');
  models
    .command('list')
    .description('every model version, newest first, the champion marked')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { runModelsList } = await import('../registry/models');
      await runModelsList(options);
    });
  models
    .command('show <version>')
    .description("a version's metrics, parameters, artifacts, gate decision and audit events")
    .action(async (version: string) => {
      const { runModelsShow } = await import('../registry/models');
      await runModelsShow(version);
    });
  models
    .command('promote <version>')
    .description('make a registered version the champion (its artifacts must be in S3)')
    .requiredOption('--reason <text>', 'why, for the audit log')
    .action(async (version: string, options: { reason: string }) => {
      const { runModelsPromote } = await import('../registry/models');
      await runModelsPromote(version, reasonOf(options.reason));
    });
  models
    .command('rollback')
    .description('move the champion back to the one before it')
    .requiredOption('--reason <text>', 'why, for the audit log')
    .action(async (options: { reason: string }) => {
      const { runModelsRollback } = await import('../registry/models');
      await runModelsRollback(reasonOf(options.reason));
    });
}
