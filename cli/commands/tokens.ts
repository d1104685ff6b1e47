import type { Command } from 'commander';
import { createToken, listTokens, revokeToken, TokenError } from '../../core/auth/tokens';
import type { TokenSummary } from '../../core/auth/tokens';
import { loadConfig } from '../../core/config/config';
import type { Db } from '../../core/db/connect';
import { withDataClients } from '../clients';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command.description("bearer tokens for the API's operations endpoints");
  command
    .command('create <name>')
    .description('make a token and print it once; only its sha256 is kept')
    .action(runTokensCreate);
  command
    .command('revoke <name>')
    .description('revoke a token; the API refuses it from the next request on')
    .action(runTokensRevoke);
  command
    .command('list')
    .description('every token name, when it was made and whether it is revoked')
    .option('--json', 'print JSON')
    .action(runTokensList);
}

/** Runs against the database, turning a refusal into a one-line message without a stack. */
async function withTokens<T>(run: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await withDataClients(loadConfig(), ({ db }) => run(db));
  } catch (error) {
    if (error instanceof TokenError) throw new UserError(error.message);
    throw error;
  }
}

/** `rakuten tokens create NAME`: the token alone on stdout, so it can be piped or captured. */
export async function runTokensCreate(name: string): Promise<void> {
  const created = await withTokens((db) => createToken(db, name));
  process.stdout.write(`${created.token}\n`);
  process.stderr.write(`token ${created.name} created: store it now, it cannot be shown again\n`);
}

export async function runTokensRevoke(name: string): Promise<void> {
  await withTokens((db) => revokeToken(db, name));
  process.stdout.write(`token ${name} revoked\n`);
}

async function runTokensList(options: { json?: boolean }): Promise<void> {
  const tokens = await withTokens(listTokens);
  process.stdout.write(
    options.json ? `${JSON.stringify(tokens, null, 2)}\n` : formatTokens(tokens),
  );
}

export function formatTokens(tokens: TokenSummary[]): string {
  if (tokens.length === 0) return 'no tokens yet: `rakuten tokens create NAME` makes one\n';
  const rows = tokens.map((t) => [
    t.name,
    t.createdAt.toISOString(),
    t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active',
  ]);
  const header = ['name', 'created', 'state'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return (
    [header, ...rows]
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
