/**
 * The drift severity scale, as workflows, the API and the CLI see it. It is defined beside the
 * drift statistics in `models/`, the lowest layer, because every feature's verdict is on it.
 */
export {
  DRIFT_SEVERITIES,
  driftSeveritySchema,
  maxSeverity,
  severityRank,
} from '../../models/drift/severity';
export type { DriftSeverity } from '../../models/drift/severity';
