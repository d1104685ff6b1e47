import type { Db } from '../../core/db/connect';
import type { SourceState } from '../../core/db/schema';
import { sourceChangeSchema } from '../../core/contracts/source-state';
import type { SourceChange } from '../../core/contracts/source-state';
import { parseContract } from '../../core/contracts/parse';
import { lockSource, recordSourceEvent } from './source-events';

export interface StateChange {
  sourceId: string;
  state: SourceState;
  /** False when the source already was in that state: nothing was written. */
  changed: boolean;
}

/**
 * Moves a source to `to`, with its event, in one transaction. Asking for the state it is in
 * changes nothing and logs nothing, so a retried request never logs twice.
 */
async function switchState(db: Db, input: SourceChange, to: SourceState): Promise<StateChange> {
  const { sourceId, actor, reason } = parseContract(sourceChangeSchema, input, 'source change');
  return db.transaction().execute(async (trx) => {
    const source = await lockSource(trx, sourceId);
    if (source.state === to) return { sourceId, state: to, changed: false };
    await trx.updateTable('sources').set({ state: to }).where('id', '=', sourceId).execute();
    await recordSourceEvent(trx, source, {
      kind: to === 'retired' ? 'retired' : 'reactivated',
      actor,
      reason,
    });
    return { sourceId, state: to, changed: true };
  });
}

/** Its rows stay, but ingestion plans no more of them and snapshots leave them out. */
export const retireSource = (db: Db, input: SourceChange) => switchState(db, input, 'retired');

export const reactivateSource = (db: Db, input: SourceChange) => switchState(db, input, 'active');
