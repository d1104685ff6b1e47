import type { Db } from '../../core/db/connect';
import { CHAMPION } from './champion';

/** What the overview says of the version serving: which, how good, since when, by whose act. */
export interface ChampionSummary {
  version: string;
  family: string | null;
  goldWeightedF1: number | null;
  workflowId: string;
  since: Date;
  by: string;
}

export async function championSummary(db: Db): Promise<ChampionSummary | null> {
  const row = await db
    .selectFrom('model_aliases as a')
    .innerJoin('model_versions as v', 'v.version', 'a.version')
    .select([
      'a.version',
      'a.updated_at',
      'a.updated_by',
      'v.family',
      'v.gold_weighted_f1',
      'v.workflow_id',
    ])
    .where('a.alias', '=', CHAMPION)
    .executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    family: row.family,
    goldWeightedF1: row.gold_weighted_f1,
    workflowId: row.workflow_id,
    since: row.updated_at,
    by: row.updated_by,
  };
}
