import { Command, CommanderError, Help } from 'commander';
import { COMMANDS } from './command-table';
import type { CommandEntry } from './command-table';
import { UserError } from './user-error';

/**
 * Every command is listed, but only the one the line names (`rakuten NAME …` or `rakuten help
 * NAME`) is loaded and registered in full: the others stay stubs with their name and summary,
 * so that listing them loads none of what they run on.
 */
async function buildProgram(args: string[]): Promise<Command> {
  const program = new Command('rakuten')
    .description(
      'Rakuten France product classification: durable pipelines on Temporal, PostgreSQL and S3',
    )
    .showHelpAfterError()
    .exitOverride();
  const stubs = new Map<Command, CommandEntry>();
  program.configureHelp({
    // A stub has no options to show as `[options]` until its module adds them.
    subcommandTerm: (command) => {
      const stub = stubs.get(command);
      return stub
        ? `${stub.name}${stub.options ? ' [options]' : ''}`
        : new Help().subcommandTerm(command);
    },
  });
  const named = args[0] === 'help' ? args[1] : args[0];
  for (const entry of COMMANDS) {
    const command = program.command(entry.name, { hidden: entry.hidden }).summary(entry.summary);
    if (entry.name === named) (await entry.load()).register(command);
    else stubs.set(command, entry);
  }
  return program;
}

/** Runs the CLI; errors a user can act on print as one line, without a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    const program = await buildProgram(argv.slice(2));
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (
      error instanceof Error &&
      (await actionableErrors()).some((type) => error instanceof type)
    ) {
      process.stderr.write(`rakuten: ${error.message}\n`);
      process.exitCode = error instanceof UserError ? error.exitCode : 1;
      return;
    }
    // A command that names what did not answer throws a UserError; any other timeout still gets
    // one line, not a stack trace.
    const unanswered = (await import('./temporal-errors')).unansweredLine(error);
    if (unanswered) {
      process.stderr.write(`rakuten: ${unanswered}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

/**
 * The errors whose message is the whole story for the user. Imported only once something has
 * failed, so that start-up does not pay for zod (ConfigError's module); a command that threw one
 * of them has loaded its module already.
 */
async function actionableErrors(): Promise<(abstract new (...args: never[]) => Error)[]> {
  const [
    { ConfigError },
    { StackError },
    models,
    { SourceFormatError },
    { RegistryError },
    { ContractError },
  ] = await Promise.all([
    import('../core/config/config'),
    import('../core/stack-error'),
    import('../models/errors'),
    import('../activities/ingest/errors'),
    import('../activities/registry/errors'),
    import('../core/contracts/parse'),
  ]);
  return [
    UserError,
    StackError,
    ConfigError,
    ContractError,
    models.DatasetError,
    models.ModelFilesError,
    models.FeaturizerFormatError,
    SourceFormatError,
    RegistryError,
  ];
}
