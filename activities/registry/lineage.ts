import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';
import { hasDemoRows } from '../../models/data/composition';
import type { DatasetComposition } from '../../models/data/composition';
import { parseComposition } from '../datasets/composition';

/** What a model version was trained on, as its dataset version records it. */
export interface DatasetLineage {
  /** Rows by source and class; null for a dataset snapshotted before they were recorded. */
  composition: DatasetComposition | null;
  /** Whether any of its rows came from a source flagged demo, then or since. */
  trainedOnDemo: boolean;
}

/** The lineage of each dataset version asked for, by version. */
export async function readLineage(
  db: Db,
  datasetVersions: readonly string[],
): Promise<Map<string, DatasetLineage>> {
  const wanted = [...new Set(datasetVersions)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('dataset_versions as d')
    .select([
      'd.version',
      'd.composition',
      // Whether a source it drew on is demo now: for datasets recorded without a composition,
      // and for a source flagged after the snapshot.
      sql<boolean>`exists (
        SELECT 1 FROM sources s WHERE s.id = ANY(d.source_ids) AND s.is_demo
      )`.as('demo_source'),
    ])
    .where('d.version', 'in', wanted)
    .execute();
  return new Map(
    rows.map((row) => {
      const composition = parseComposition(row.composition);
      const trainedOnDemo = (composition !== null && hasDemoRows(composition)) || row.demo_source;
      return [row.version, { composition, trainedOnDemo }];
    }),
  );
}

const UNKNOWN: DatasetLineage = { composition: null, trainedOnDemo: false };

/** Models with the lineage of the dataset each was trained on. */
export async function withLineage<T extends { dataset_version: string }>(
  db: Db,
  models: T[],
): Promise<(T & { lineage: DatasetLineage })[]> {
  const versions = models.map((m) => m.dataset_version);
  const lineage = await readLineage(db, versions);
  return models.map((m) => ({ ...m, lineage: lineage.get(m.dataset_version) ?? UNKNOWN }));
}

/** One dataset version's lineage. */
export async function lineageOf(db: Db, datasetVersion: string): Promise<DatasetLineage> {
  return (await readLineage(db, [datasetVersion])).get(datasetVersion) ?? UNKNOWN;
}
