import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { isScope, SCOPES } from './scopes';
import type { Scope } from './scopes';

/** A refused token operation; its message is the whole story for the caller. */
export class TokenError extends Error {
  override name = 'TokenError';
}

export interface TokenSummary {
  name: string;
  scope: Scope;
  createdAt: Date;
  /** Null: the token never expires. */
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedToken {
  name: string;
  scope: Scope;
  expiresAt: Date | null;
  /** The plaintext, shown once. */
  token: string;
}

/** A presented token: who it is and what it may do, or why it is refused. */
export type TokenCheck =
  | { ok: true; name: string; scope: Scope }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const PREFIX = 'rk_';
// What createToken makes: anything else is refused without a database round trip.
const SHAPE = /^rk_[A-Za-z0-9_-]{43}$/;

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

function checkScope(scope: string): asserts scope is Scope {
  if (!isScope(scope)) {
    throw new TokenError(`bad scope ${JSON.stringify(scope)}: use one of ${SCOPES.join(', ')}`);
  }
}

/**
 * A new token for `name` with `scope`, expiring at `expiresAt` (never, if null); the plaintext
 * is returned here once and never stored.
 */
export async function createToken(
  db: Db,
  name: string,
  options: { scope: Scope; expiresAt?: Date | null },
): Promise<CreatedToken> {
  checkName(name);
  checkScope(options.scope);
  const expiresAt = options.expiresAt ?? null;
  if (expiresAt !== null && !(expiresAt.getTime() > Date.now())) {
    throw new TokenError(`the expiry ${expiresAt.toISOString()} is not in the future`);
  }
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  // One statement, so two concurrent creates of a name cannot both win: a revoked row is
  // replaced, a live one is left alone and nothing is returned.
  const row = await db
    .insertInto('api_tokens')
    .values({
      name,
      token_sha256: digest(token),
      scope: options.scope,
      expires_at: expiresAt,
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          token_sha256: eb.ref('excluded.token_sha256'),
          scope: eb.ref('excluded.scope'),
          expires_at: eb.ref('excluded.expires_at'),
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
  return { name, scope: options.scope, expiresAt, token };
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
    .select(['name', 'scope', 'created_at', 'expires_at', 'revoked_at'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    scope: r.scope,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Who a presented token is and its scope, or why it is refused. Read from the table on every
 * call, uncached, so that a revocation or an expiry shuts the token out on the very next
 * request; expiry is judged by the database's clock, the one that stamped the token.
 */
export async function verifyToken(db: Db, token: string): Promise<TokenCheck> {
  if (!SHAPE.test(token)) return { ok: false, reason: 'unknown' };
  const row = await db
    .selectFrom('api_tokens')
    .select([
      'name',
      'scope',
      sql<boolean>`revoked_at IS NOT NULL`.as('revoked'),
      sql<boolean>`expires_at IS NOT NULL AND expires_at <= now()`.as('expired'),
    ])
    .where('token_sha256', '=', digest(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'revoked' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true, name: row.name, scope: row.scope };
}
