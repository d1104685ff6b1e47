import { Migrator } from 'kysely';
import type { MigrationProvider, MigrationResult } from 'kysely';
import type { Db } from './connect';
import { migrations } from './migrations';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies pending migrations. Kysely records applied ones in `kysely_migration` and takes a lock,
 * so running this twice, or from two processes at once, changes nothing the second time.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(
      `Database migration ${failed?.migrationName ?? ''} failed: ${message}`.replace('  ', ' '),
    );
  }
  return results;
}
