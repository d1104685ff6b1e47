import type { Migration } from 'kysely';
import * as m0001 from './0001_system_checks';
import * as m0002 from './0002_ingestion';
import * as m0003 from './0003_products_fast_load';
import * as m0004 from './0004_model_registry';
import * as m0005 from './0005_serving';
import * as m0006 from './0006_drift_reports';
import * as m0007 from './0007_model_stage';
import * as m0008 from './0008_worker_liveness';
import * as m0009 from './0009_token_scopes';
import * as m0010 from './0010_retention_and_image_rejects';
import * as m0011 from './0011_source_states';
import * as m0012 from './0012_dataset_composition';
import * as m0013 from './0013_registry_console_indexes';
import * as m0014 from './0014_console_overview';
import * as m0015 from './0015_rejected_reason_kind';

/**
 * Every migration, in order. A static list rather than a folder scan, so the set that runs is
 * exactly the set that was reviewed and type-checked.
 */
export const migrations: Record<string, Migration> = {
  '0001_system_checks': m0001,
  '0002_ingestion': m0002,
  '0003_products_fast_load': m0003,
  '0004_model_registry': m0004,
  '0005_serving': m0005,
  '0006_drift_reports': m0006,
  '0007_model_stage': m0007,
  '0008_worker_liveness': m0008,
  '0009_token_scopes': m0009,
  '0010_retention_and_image_rejects': m0010,
  '0011_source_states': m0011,
  '0012_dataset_composition': m0012,
  '0013_registry_console_indexes': m0013,
  '0014_console_overview': m0014,
  '0015_rejected_reason_kind': m0015,
};
