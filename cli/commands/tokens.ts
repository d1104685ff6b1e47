import { Option } from 'commander';
import type { Command } from 'commander';
import { SCOPES } from '../../core/auth/scopes';
import type { Scope } from '../../core/auth/scopes';
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
    .addOption(
      new Option(
        '--scope <scope>',
        'what it may do: predict (predictions), operate (also promote, roll back, retrain), admin (everything)',
      )
        .choices(SCOPES)
        .makeOptionMandatory(),
    )
    .option('--expires <duration>', 'lifetime, as 12h, 30d or 52w; never expires without it')
    .action((name: string, options: { scope: Scope; expires?: string }) =>
      runTokensCreate(name, options),
    );
  command
    .command('revoke <name>')
    .description('revoke a token; the API refuses it from the next request on')
    .action(runTokensRevoke);
  command
    .command('list')
    .description('every token: its scope, when it was made, when it expires, whether it is live')
    .option('--json', 'print JSON')
    .action(runTokensList);
}

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** Ten years: beyond that, "never" says it better. */
const MAX_LIFETIME_MS = 3_650 * UNIT_MS.d;

/** `30d` as milliseconds; a UserError naming the accepted forms for anything else. */
export function parseLifetime(text: string): number {
  const match = /^(\d{1,6})([hdw])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms > 0 && ms <= MAX_LIFETIME_MS)) {
    throw new UserError(
      `bad --expires ${JSON.stringify(text)}: a number of hours, days or weeks (12h, 30d, 52w), at most 10 years`,
    );
  }
  return ms;
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

/** `rakuten tokens create NAME --scope S`: the token alone on stdout, to pipe or capture. */
export async function runTokensCreate(
  name: string,
  options: { scope: Scope; expires?: string },
): Promise<void> {
  const expiresAt =
    options.expires === undefined ? null : new Date(Date.now() + parseLifetime(options.expires));
  const created = await withTokens((db) =>
    createToken(db, name, { scope: options.scope, expiresAt }),
  );
  process.stdout.write(`${created.token}\n`);
  const expiry = created.expiresAt ? `expires ${created.expiresAt.toISOString()}` : 'no expiry';
  process.stderr.write(
    `token ${created.name} created (scope ${created.scope}, ${expiry}): store it now, it cannot be shown again\n`,
  );
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

function state(t: TokenSummary, now: Date): string {
  if (t.revokedAt) return `revoked ${t.revokedAt.toISOString()}`;
  if (t.expiresAt && t.expiresAt <= now) return 'expired';
  return 'active';
}

export function formatTokens(tokens: TokenSummary[], now = new Date()): string {
  if (tokens.length === 0) {
    return 'no tokens yet: `rakuten tokens create NAME --scope predict|operate|admin` makes one\n';
  }
  const rows = tokens.map((t) => [
    t.name,
    t.scope,
    t.createdAt.toISOString(),
    t.expiresAt?.toISOString() ?? 'never',
    state(t, now),
  ]);
  const header = ['name', 'scope', 'created', 'expires', 'state'];
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
