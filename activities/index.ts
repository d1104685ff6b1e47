import type { Db } from '../db/connect';
import type { ObjectStore } from '../storage/object-store';
import { createSystemCheckActivities } from './system-check';

export interface ActivityDeps {
  db: Db;
  store: ObjectStore;
}

/** Every activity of the pipeline task queue, bound to the clients it needs. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSystemCheckActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
