import path from 'node:path';
import { PROJECT_ROOT } from '../../core/config/config';

/** The command line that runs a `rakuten` subcommand in a child process. */
export function cliCommand(subcommand: string, args: string[] = []): [string, string[]] {
  return [process.execPath, [path.join(PROJECT_ROOT, 'bin', 'rakuten.js'), subcommand, ...args]];
}
