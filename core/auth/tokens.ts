import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect';

/** A refused token operation; its message is the whole story for the caller. */
export class TokenError extends Error {
  override name = 'TokenError';
}

export interface TokenSummary {
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

// Only the digest is stored, so a leaked table grants nothing. A plain sha256 suffices (no
// salt or slow hash) because the token is 256 random bits, not a guessable password.
const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new TokenError(
      `bad token name ${JSON.stringify(name)}: use 1 to 64 characters of A-Z a-z 0-9 . _ -`,
    );
  }
}

/** A new token for `name`; the plaintext is returned here once and never stored. */
export async function createToken(db: Db, name: string): Promise<{ name: string; token: string }> {
  checkName(name);
  const token = `rk_${randomBytes(32).toString('base64url')}`;
  // One statement, so two concurrent creates of a name cannot both win: a revoked row is
  // replaced, a live one is left alone and nothing is returned.
  const row = await db
    .insertInto('api_tokens')
    .values({ name, token_sha256: digest(token), revoked_at: null })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          token_sha256: eb.ref('excluded.token_sha256'),
          created_at: sql<Date>`now()`,
          revoked_at: null,
        }))
        .where('api_tokens.revoked_at', 'is not', null),
    )
    .returning('name')
    .executeTakeFirst();
  if (!row) {
    throw new TokenError(`a token named ${name} already exists: revoke it first to replace it`);
  }
  return { name, token };
}

export async function revokeToken(db: Db, name: string): Promise<void> {
  const revoked = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .returning('name')
    .executeTakeFirst();
  if (revoked) return;
  const existing = await db
    .selectFrom('api_tokens')
    .select('revoked_at')
    .where('name', '=', name)
    .executeTakeFirst();
  throw new TokenError(
    existing ? `token ${name} is already revoked` : `no token named ${JSON.stringify(name)}`,
  );
}

export async function listTokens(db: Db): Promise<TokenSummary[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['name', 'created_at', 'revoked_at'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/**
 * The name of a live token, or null. Read from the table on every call, uncached, so that a
 * revocation shuts the token out on the very next request.
 */
export async function verifyToken(db: Db, token: string): Promise<string | null> {
  if (token === '') return null;
  const row = await db
    .selectFrom('api_tokens')
    .select('name')
    .where('token_sha256', '=', digest(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.name ?? null;
}
