import type { Db } from '../../core/db/connect';
import type { DriftPredictionRow, DriftTextRow } from '../../models/drift';

/** Products of the last `batches` committed ingestion batches, at most `limit` of them. */
export async function recentProducts(
  db: Db,
  batches: number,
  limit = 50_000,
): Promise<{ rows: DriftTextRow[]; batchIds: string[] }> {
  const recent = await db
    .selectFrom('ingest_batches')
    .select('id')
    .where('status', '=', 'committed')
    .orderBy('committed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(batches)
    .execute();
  const batchIds = recent.map((b) => b.id);
  if (batchIds.length === 0) return { rows: [], batchIds };
  const rows = await db
    .selectFrom('products')
    .select(['designation', 'description', 'prdtypecode'])
    .where('batch_id', 'in', batchIds)
    .limit(limit)
    .execute();
  return { rows, batchIds };
}

/**
 * The champion's last `limit` predictions. Another version's predictions are left out: the
 * reference is what the champion predicts, so only its own predictions compare with it.
 */
export async function recentPredictions(
  db: Db,
  modelVersion: string,
  limit: number,
): Promise<DriftPredictionRow[]> {
  const rows = await db
    .selectFrom('prediction_log')
    .select(['predicted_code', 'confidence'])
    .where('model_version', '=', modelVersion)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ predictedCode: r.predicted_code, confidence: r.confidence }));
}
