import type { Config } from '../config/config';
import { INGEST_DEFAULTS } from '../config/config';
import type { Db } from '../db/connect';
import type { ObjectStore } from '../storage/object-store';
import { createDriftActivities } from './drift';
import { createIngestActivities } from './ingest';
import { createRegistryActivities } from './registry';
import { createSystemCheckActivities } from './system-check';

export interface ActivityDeps {
  db: Db;
  store: ObjectStore;
  ingest?: Config['ingest'];
}

/** Every activity of the pipeline task queue, bound to the clients it needs. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSystemCheckActivities(deps),
    ...createIngestActivities({ ...deps, limits: deps.ingest ?? INGEST_DEFAULTS }),
    ...createRegistryActivities(deps),
    ...createDriftActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
