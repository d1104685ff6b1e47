import type { Db } from '../../core/db/connect';
import { championOf } from './champion';

/** The most versions the F1 chart draws: the newest ones. */
export const MAX_F1_HISTORY = 1_000;

export interface F1History {
  /** Registered versions, oldest first, with their gold weighted F1. */
  points: { version: string; gold_weighted_f1: number | null; created_at: string }[];
  champion: { version: string; gold_weighted_f1: number | null } | null;
}

/** Gold weighted F1 of the last `limit` registered versions in creation order, and the champion. */
export async function readF1History(db: Db, limit: number): Promise<F1History> {
  const [rows, champion] = await Promise.all([
    db
      .selectFrom('model_versions')
      .select(['version', 'gold_weighted_f1', 'created_at'])
      .where('stage', '=', 'registered')
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .limit(Math.min(limit, MAX_F1_HISTORY))
      .execute(),
    championOf(db),
  ]);
  return {
    points: rows.reverse().map((r) => ({
      version: r.version,
      gold_weighted_f1: r.gold_weighted_f1,
      created_at: r.created_at.toISOString(),
    })),
    champion: champion && { version: champion.version, gold_weighted_f1: champion.goldWeightedF1 },
  };
}
