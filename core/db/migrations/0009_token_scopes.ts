import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Tokens get a scope (predict, operate or admin) and an optional expiry. Tokens made before
 * this migration could call every guarded route (promote, roll back, retrain): they become
 * `operate`, which keeps exactly that, so no existing client breaks and none gains a right.
 * The default is dropped afterwards: a new token states its scope.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope', 'text', (col) => col.notNull().defaultTo('operate'))
    .addColumn('expires_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('api_tokens')
    .alterColumn('scope', (col) => col.dropDefault())
    .execute();
  // Named, so that a later scope (label) replaces the list by dropping and adding it again.
  await db.schema
    .alterTable('api_tokens')
    .addCheckConstraint('api_tokens_scope_check', sql`scope IN ('predict', 'operate', 'admin')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropConstraint('api_tokens_scope_check').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').dropColumn('scope').execute();
}
