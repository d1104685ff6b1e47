import { Command, CommanderError } from 'commander';
import { ConfigError } from '../core/config/config';
import { DatasetError, FeaturizerFormatError, ModelFilesError } from '../models/errors';
import { StackError } from '../core/stack-error';
import { SourceFormatError } from '../activities/ingest/errors';
import { RegistryError } from '../activities/registry/errors';
import { registerApiCommand } from './commands/api';
import { registerDemoDataCommand } from './commands/demo-data';
import { registerDevCommand } from './commands/dev';
import { registerDoctorCommand } from './commands/doctor';
import { registerDriftCommands } from './commands/drift';
import { registerImportCommand } from './commands/import';
import { registerIngestCommand } from './commands/ingest';
import { registerModelCommand } from './commands/model';
import { registerModelsCommand } from './commands/models';
import { registerRetrainCommands } from './commands/retrain';
import { registerTokensCommand } from './commands/tokens';
import { registerPostgresServerCommand } from './commands/postgres-server';
import { registerResetCommand } from './commands/reset';
import { registerSchedulesCommand } from './commands/schedules';
import { registerSetupCommand } from './commands/setup';
import { registerSourcesCommand } from './commands/sources';
import { registerWorkerCommand } from './commands/worker';
import { UserError } from './user-error';

export function buildProgram(): Command {
  const program = new Command('rakuten')
    .description(
      'Rakuten France product classification: durable pipelines on Temporal, PostgreSQL and S3',
    )
    .showHelpAfterError()
    .exitOverride();
  registerDevCommand(program);
  registerDoctorCommand(program);
  registerSetupCommand(program);
  registerImportCommand(program);
  registerIngestCommand(program);
  registerSourcesCommand(program);
  registerResetCommand(program);
  registerDemoDataCommand(program);
  registerSchedulesCommand(program);
  registerWorkerCommand(program);
  registerModelCommand(program);
  registerModelsCommand(program);
  registerRetrainCommands(program);
  registerDriftCommands(program);
  registerTokensCommand(program);
  registerApiCommand(program);
  registerPostgresServerCommand(program);
  return program;
}

/** Runs the CLI; errors a user can act on print as one line, without a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (
      error instanceof UserError ||
      error instanceof StackError ||
      error instanceof ConfigError ||
      error instanceof DatasetError ||
      error instanceof ModelFilesError ||
      error instanceof FeaturizerFormatError ||
      error instanceof SourceFormatError ||
      error instanceof RegistryError
    ) {
      process.stderr.write(`rakuten: ${error.message}\n`);
      process.exitCode = error instanceof UserError ? error.exitCode : 1;
      return;
    }
    throw error;
  }
}
