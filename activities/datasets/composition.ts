import type { Db } from '../../core/db/connect';
import { datasetCompositionSchema } from '../../models/data/composition';
import type { DatasetComposition } from '../../models/data/composition';

interface SourceTally {
  rows: number;
  goldRows: number;
  perClass: Record<string, number>;
}

/**
 * Counts a snapshot's rows by source and class as the snapshot writes them, so the composition
 * it records describes exactly the file, never a second query that may have seen other rows.
 */
export class CompositionTally {
  private readonly sources = new Map<string, SourceTally>();
  private readonly batches = new Set<string>();

  add(sourceId: string, batchId: string, prdtypecode: number, gold: boolean): void {
    let tally = this.sources.get(sourceId);
    if (!tally) {
      tally = { rows: 0, goldRows: 0, perClass: {} };
      this.sources.set(sourceId, tally);
    }
    tally.rows++;
    if (gold) tally.goldRows++;
    tally.perClass[prdtypecode] = (tally.perClass[prdtypecode] ?? 0) + 1;
    this.batches.add(batchId);
  }

  get sourceIds(): string[] {
    return [...this.sources.keys()].sort();
  }

  get batchIds(): string[] {
    return [...this.batches].sort();
  }

  /** The composition, each source named and flagged demo as it is now. */
  async describe(db: Db): Promise<DatasetComposition> {
    const ids = this.sourceIds;
    const known =
      ids.length === 0
        ? []
        : await db
            .selectFrom('sources')
            .select(['id', 'name', 'is_demo'])
            .where('id', 'in', ids)
            .execute();
    const byId = new Map(known.map((s) => [s.id, s]));
    return ids.map((id) => {
      const tally = this.sources.get(id)!;
      const source = byId.get(id);
      return {
        source_id: id,
        // A source deleted while the snapshot ran: its rows are in the file all the same.
        name: source?.name ?? id,
        demo: source?.is_demo ?? false,
        rows: tally.rows,
        gold_rows: tally.goldRows,
        per_class: sortedKeys(tally.perClass),
      };
    });
  }
}

/** Class codes in numeric order, so equal compositions print and compare alike. */
function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => Number(a) - Number(b)));
}

/** A dataset version's recorded composition; null if it predates migration 0012. */
export async function readComposition(
  db: Db,
  datasetVersion: string,
): Promise<DatasetComposition | null> {
  const row = await db
    .selectFrom('dataset_versions')
    .select('composition')
    .where('version', '=', datasetVersion)
    .executeTakeFirst();
  return parseComposition(row?.composition ?? null);
}

/** A composition column's value, checked: jsonb holds whatever was written to it. */
export function parseComposition(value: unknown): DatasetComposition | null {
  if (value === null) return null;
  // jsonb keeps keys in its own order, not the one written.
  return datasetCompositionSchema
    .parse(value)
    .map((source) => ({ ...source, per_class: sortedKeys(source.per_class) }));
}
