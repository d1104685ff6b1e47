import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';

/** A source a dataset version drew on that no longer feeds training. */
export interface RetiredSource {
  id: string;
  name: string;
  /** Deleted since, rather than retired: its row is gone, its name kept by the dataset's record. */
  deleted: boolean;
}

/**
 * For each dataset version asked for, the sources of its rows that are retired or deleted now.
 * `source_ids` lists the sources with rows in the snapshot (older versions too, which have no
 * composition); the composition, when recorded, names a source whose row has been deleted.
 */
export async function retiredSourcesOf(
  db: Db,
  datasetVersions: readonly string[],
): Promise<Map<string, RetiredSource[]>> {
  const wanted = [...new Set(datasetVersions)];
  const found = new Map<string, RetiredSource[]>(wanted.map((v) => [v, []]));
  if (wanted.length === 0) return found;
  const { rows } = await sql<{
    version: string;
    id: string;
    name: string | null;
    recorded_name: string | null;
    state: string | null;
  }>`
    SELECT d.version, u.id, s.name, s.state,
           (SELECT c->>'name' FROM jsonb_array_elements(coalesce(d.composition, '[]'::jsonb)) c
             WHERE c->>'source_id' = u.id LIMIT 1) AS recorded_name
    FROM dataset_versions d
    CROSS JOIN LATERAL unnest(d.source_ids) AS u(id)
    LEFT JOIN sources s ON s.id = u.id
    WHERE d.version = ANY(${wanted}::text[]) AND (s.id IS NULL OR s.state = 'retired')
    ORDER BY d.version, u.id`.execute(db);
  for (const row of rows) {
    found.get(row.version)!.push({
      id: row.id,
      name: row.name ?? row.recorded_name ?? row.id,
      deleted: row.state === null,
    });
  }
  return found;
}

/** How a list of retired sources reads in a reason or an error: their names, deleted ones said. */
export function retiredNames(sources: readonly RetiredSource[]): string[] {
  return sources.map((s) => (s.deleted ? `${s.name} (deleted)` : s.name));
}
