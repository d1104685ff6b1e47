import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../core/db/connect';
import { ContractError } from '../../core/contracts/parse';
import type { SourceChange } from '../../core/contracts/source-state';
import type { ObjectStore } from '../../core/storage/object-store';
import { deleteSource } from './delete-source';
import type { DeletedSource } from './delete-source';
import { SourceStateError } from './errors';
import { reactivateSource, retireSource } from './source-state';
import type { StateChange } from './source-state';

/** No source, a source being ingested, an input refused: a retry would fail the same way. */
async function failing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SourceStateError || error instanceof ContractError) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
    }
    throw error;
  }
}

/**
 * A source's life cycle as activities, for workflows: retire, reactivate, delete, each in one
 * transaction with its event. The CLI and the API call the functions themselves.
 */
export function createSourceActivities({ db, store }: { db: Db; store: ObjectStore }) {
  return {
    retireSource: (input: SourceChange): Promise<StateChange> =>
      failing(() => retireSource(db, input)),
    reactivateSource: (input: SourceChange): Promise<StateChange> =>
      failing(() => reactivateSource(db, input)),
    deleteSource: (input: SourceChange): Promise<DeletedSource> =>
      failing(() => deleteSource({ db, store }, input)),
  };
}

export type SourceActivities = ReturnType<typeof createSourceActivities>;
