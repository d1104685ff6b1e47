import type { Db } from '../../core/db/connect';
import { TrainingDataError } from './training-set';

/**
 * Records the files a refit wrote, with the sha256 of the bytes written, on the version's
 * claimed row, so everything that reads them before registration (gold evaluation, export)
 * has something to verify them against; registration replaces them with the exported set.
 * A version already registered keeps its record: a re-run rewrote the same bytes.
 */
export async function recordRefitFiles(
  db: Db,
  version: string,
  keys: Record<string, string>,
  sha256: Record<string, string>,
): Promise<void> {
  const row = await db
    .selectFrom('model_versions')
    .select('stage')
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new TrainingDataError(`model version ${version} was never claimed`);
  if (row.stage === 'registered') return;
  await db
    .updateTable('model_versions')
    .set({ artifacts: JSON.stringify(keys), artifact_sha256: JSON.stringify(sha256) })
    .where('version', '=', version)
    .where('stage', '!=', 'registered')
    .execute();
}
