import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';

/** How a champion period began. */
export type ChampionChange = 'promoted' | 'promoted_by_gate' | 'rolled_back';

export interface ChampionPeriod {
  version: string;
  from: string;
  /** When the next champion took over; null while it still serves. */
  to: string | null;
  change: ChampionChange;
  actor: string;
  reason: string;
  /** The champion it replaced. */
  previous_version: string | null;
}

/**
 * Who was champion when, newest first: each promotion or rollback in `model_events` opens a
 * period that the next one closes. The window runs over every event before the page is cut.
 */
export async function listChampionHistory(
  db: Db,
  paging: { offset: number; limit: number },
): Promise<{ total: number; offset: number; limit: number; items: ChampionPeriod[] }> {
  const changes = db
    .selectFrom('model_events')
    .where('kind', 'in', ['promoted', 'rolled_back'])
    .where('next_version', 'is not', null);
  const [rows, count] = await Promise.all([
    changes
      .select([
        'id',
        'at',
        'kind',
        'actor',
        'reason',
        'next_version',
        'previous_version',
        sql<boolean>`details ? 'gate'`.as('by_gate'),
        sql<Date | null>`lead(at) OVER (ORDER BY id)`.as('until'),
      ])
      .orderBy('id', 'desc')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    changes.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    offset: paging.offset,
    limit: paging.limit,
    items: rows.map((r) => ({
      version: r.next_version!,
      from: r.at.toISOString(),
      to: r.until ? new Date(r.until).toISOString() : null,
      change:
        r.kind === 'rolled_back' ? 'rolled_back' : r.by_gate ? 'promoted_by_gate' : 'promoted',
      actor: r.actor,
      reason: r.reason,
      previous_version: r.previous_version,
    })),
  };
}
