import type { Transaction } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { Database, SourceEventKind } from '../../core/db/schema';
import { SourceStateError } from './errors';

/** What identifies a source in its events, after its row is gone too. */
export interface SourceIdentity {
  id: string;
  name: string;
  x_sha256: string;
  y_sha256: string | null;
}

export async function recordSourceEvent(
  trx: Transaction<Database>,
  source: SourceIdentity,
  event: {
    kind: SourceEventKind;
    actor: string;
    reason: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await trx
    .insertInto('source_events')
    .values({
      source_id: source.id,
      source_name: source.name,
      x_sha256: source.x_sha256,
      y_sha256: source.y_sha256,
      kind: event.kind,
      actor: event.actor,
      reason: event.reason,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
}

/**
 * The source's row, locked until the transaction ends: two changes to one source (a retire and
 * a delete, say) take turns, and each sees what the other did.
 */
export async function lockSource(trx: Transaction<Database>, sourceId: string) {
  const source = await trx
    .selectFrom('sources')
    .select(['id', 'name', 'x_sha256', 'y_sha256', 'x_key', 'y_key', 'state', 'is_demo'])
    .where('id', '=', sourceId)
    .forUpdate()
    .executeTakeFirst();
  if (!source) throw new SourceStateError(`there is no source ${sourceId}`, 'not_found');
  return source;
}

/** A source's events, oldest first; those of a deleted source too. */
export async function sourceEvents(db: Db, sourceId?: string) {
  let query = db.selectFrom('source_events').selectAll().orderBy('id');
  if (sourceId !== undefined) query = query.where('source_id', '=', sourceId);
  return query.execute();
}
