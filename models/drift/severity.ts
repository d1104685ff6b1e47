import { z } from 'zod';

/**
 * The one drift severity scale, least to most severe: features, checks, the controller's
 * threshold, the database, the API and the CLI all speak it.
 */
export const DRIFT_SEVERITIES = ['none', 'low', 'medium', 'high'] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

export const driftSeveritySchema = z.enum(DRIFT_SEVERITIES);

/** 0 for none up to 3 for high: the order severities compare in, and the metric's value. */
export function severityRank(severity: DriftSeverity): number {
  return DRIFT_SEVERITIES.indexOf(severity);
}

/** The most severe of `severities`; 'none' when there are none. */
export function maxSeverity(...severities: DriftSeverity[]): DriftSeverity {
  let worst: DriftSeverity = 'none';
  for (const s of severities) if (severityRank(s) > severityRank(worst)) worst = s;
  return worst;
}

/** Lower bounds of an effect size for each severity; below `low` the effect is 'none'. */
export interface SeverityBands {
  low: number;
  medium: number;
  high: number;
}

/** The band `value` falls in. */
export function bandSeverity(value: number, bands: SeverityBands): DriftSeverity {
  if (value >= bands.high) return 'high';
  if (value >= bands.medium) return 'medium';
  if (value >= bands.low) return 'low';
  return 'none';
}
