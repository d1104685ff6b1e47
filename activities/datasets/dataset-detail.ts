import type { Db } from '../../core/db/connect';
import type { DatasetComposition } from '../../models/data/composition';
import { CATEGORIES, CATEGORY_CODES, isCategoryCode } from '../../models/categories';
import { modelStatus, readChampions } from '../registry/status';
import type { ModelStatus } from '../registry/status';
import { parseComposition } from './composition';
import { sourceNames } from './dataset-versions-page';
import type { DatasetSourceRef } from './dataset-versions-page';

export interface DatasetClassCount {
  code: number;
  /** The category's French name; the code itself for a code the challenge does not know. */
  name: string;
  rows: number;
}

export interface DatasetModel {
  version: string;
  status: ModelStatus;
  family: string | null;
  goldWeightedF1: number | null;
  createdAt: Date;
}

export interface DatasetVersionDetail {
  version: string;
  rows: number;
  goldRows: number;
  createdAt: Date;
  cutoff: Date;
  bytes: number;
  sources: DatasetSourceRef[];
  /** Rows per class, in code order, every known class listed (0 for an absent one). */
  classes: DatasetClassCount[];
  /** Rows by source and class; null for a version snapshotted before migration 0012. */
  composition: DatasetComposition | null;
  /** The model versions trained on it, newest first, a page of them. */
  models: { total: number; offset: number; limit: number; items: DatasetModel[] };
}

/** A dataset version's class counts as a list in code order, named by models/categories.ts. */
export function classDistribution(counts: Record<string, number>): DatasetClassCount[] {
  const codes = new Set<number>(CATEGORY_CODES);
  for (const key of Object.keys(counts)) codes.add(Number(key));
  return [...codes]
    .sort((a, b) => a - b)
    .map((code) => ({
      code,
      name: isCategoryCode(code) ? CATEGORIES[code] : String(code),
      rows: counts[String(code)] ?? 0,
    }));
}

/**
 * One dataset version with its class distribution and a page of the models trained on it;
 * undefined if unknown.
 */
export async function getDatasetVersion(
  db: Db,
  version: string,
  modelsPage: { offset: number; limit: number },
): Promise<DatasetVersionDetail | undefined> {
  const [row, models, modelCount, champions] = await Promise.all([
    db
      .selectFrom('dataset_versions')
      .select([
        'version',
        'rows',
        'gold_rows',
        'created_at',
        'cutoff',
        'bytes',
        'source_ids',
        'class_counts',
        'composition',
      ])
      .where('version', '=', version)
      .executeTakeFirst(),
    db
      .selectFrom('model_versions')
      .select(['version', 'stage', 'gate', 'family', 'gold_weighted_f1', 'created_at'])
      .where('dataset_version', '=', version)
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .offset(modelsPage.offset)
      .limit(modelsPage.limit)
      .execute(),
    db
      .selectFrom('model_versions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('dataset_version', '=', version)
      .executeTakeFirstOrThrow(),
    readChampions(db),
  ]);
  if (!row) return undefined;
  const composition = parseComposition(row.composition);
  const names = await sourceNames(db, row.source_ids);
  const recorded = new Map((composition ?? []).map((s) => [s.source_id, s.name]));
  return {
    version: row.version,
    rows: row.rows,
    goldRows: row.gold_rows,
    createdAt: row.created_at,
    cutoff: row.cutoff,
    bytes: Number(row.bytes),
    sources: row.source_ids.map((id) => ({
      id,
      name: names.get(id) ?? recorded.get(id) ?? id,
    })),
    classes: classDistribution(row.class_counts),
    composition,
    models: {
      total: Number(modelCount.n),
      offset: modelsPage.offset,
      limit: modelsPage.limit,
      items: models.map((m) => ({
        version: m.version,
        status: modelStatus(m, champions),
        family: m.family,
        goldWeightedF1: m.gold_weighted_f1,
        createdAt: m.created_at,
      })),
    },
  };
}
