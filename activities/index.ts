import type { Config } from '../core/config/config';
import { INGEST_DEFAULTS } from '../core/config/config';
import type { Db } from '../core/db/connect';
import type { ObjectStore } from '../core/storage/object-store';
import { createDriftActivities } from './drift/activities';
import { createIngestActivities } from './ingest/activities';
import { createRegistryActivities } from './registry/activities';
import { createRetentionActivities } from './retention/activities';
import { createSourceActivities } from './sources/activities';
import { createSystemCheckActivities } from './system-check/activities';

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
    ...createRetentionActivities(deps),
    ...createSourceActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
