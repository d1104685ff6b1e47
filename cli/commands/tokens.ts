import type { Command } from 'commander';

export function registerTokensCommand(program: Command): void {
  const tokens = program
    .command('tokens')
    .description("bearer tokens for the API's operations endpoints");
  tokens
    .command('create <name>')
    .description('make a token and print it once; only its sha256 is kept')
    .action(async (name: string) => {
      const { runTokensCreate } = await import('../tokens/run-tokens');
      await runTokensCreate(name);
    });
  tokens
    .command('revoke <name>')
    .description('revoke a token; the API refuses it from the next request on')
    .action(async (name: string) => {
      const { runTokensRevoke } = await import('../tokens/run-tokens');
      await runTokensRevoke(name);
    });
  tokens
    .command('list')
    .description('every token name, when it was made and whether it is revoked')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { runTokensList } = await import('../tokens/run-tokens');
      await runTokensList(options);
    });
}
