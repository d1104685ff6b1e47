import { z } from 'zod';
import type { SeverityBands } from './severity';

/**
 * When a feature counts as drifted. A feature is drifted only when its test is significant
 * (p < alpha / number of compared features) AND its effect size reaches a band of `psi` or
 * `jsDistance`; its severity is then the higher of the two bands.
 */
export interface DriftThresholds {
  /**
   * Family-wise significance level, split evenly over the compared features (Bonferroni). 0.01:
   * two samples of one distribution are flagged in at most about 1 run in 100, and since the
   * effect bands must be passed too, usually fewer.
   */
  alpha: number;
  /**
   * A feature with fewer samples than this on either side is 'insufficient' and not judged. 30
   * is the usual rule of thumb for the asymptotic KS and chi-squared distributions to hold and
   * for 10 quantile bins to hold a few samples each.
   */
  minSamples: number;
  /**
   * Population stability index bands. The industry convention reads PSI < 0.1 as stable,
   * 0.1–0.25 as a moderate and ≥ 0.25 as a major shift: those are `medium` and `high`; `low`
   * (0.05) is half the moderate threshold, worth watching but not acting on.
   */
  psi: SeverityBands;
  /**
   * Jensen–Shannon distance (base 2, in [0, 1]) bands. For small shifts JS distance ≈
   * sqrt(PSI / (8 ln 2)), so PSI 0.05, 0.1 and 0.25 correspond to about 0.095, 0.134 and 0.21:
   * rounded to 0.1, 0.13 and 0.2. JS stays bounded where sparse bins inflate PSI.
   */
  jsDistance: SeverityBands;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  alpha: 0.01,
  minSamples: 30,
  psi: { low: 0.05, medium: 0.1, high: 0.25 },
  jsDistance: { low: 0.1, medium: 0.13, high: 0.2 },
};

const bandsSchema = z
  .strictObject({
    low: z.number().positive(),
    medium: z.number().positive(),
    high: z.number().positive(),
  })
  .refine((b) => b.low <= b.medium && b.medium <= b.high, {
    message: 'bands must satisfy low <= medium <= high',
  });

/** Validates a complete set of thresholds, e.g. defaults merged with a caller's overrides. */
export const driftThresholdsSchema = z.strictObject({
  alpha: z.number().gt(0).lt(1),
  minSamples: z.number().int().min(2),
  psi: bandsSchema,
  jsDistance: bandsSchema.refine((b) => b.high <= 1, {
    message: 'JS distance is at most 1',
  }),
}) satisfies z.ZodType<DriftThresholds>;

/** Input that may override any part of the defaults, bands included. */
export const driftThresholdOverridesSchema = z.strictObject({
  alpha: z.number().optional(),
  minSamples: z.number().optional(),
  psi: z
    .strictObject({
      low: z.number().optional(),
      medium: z.number().optional(),
      high: z.number().optional(),
    })
    .optional(),
  jsDistance: z
    .strictObject({
      low: z.number().optional(),
      medium: z.number().optional(),
      high: z.number().optional(),
    })
    .optional(),
});

export type DriftThresholdOverrides = z.infer<typeof driftThresholdOverridesSchema>;

/**
 * `overrides` (untrusted, e.g. from a workflow's input) merged onto the defaults, then the whole
 * validated, so that an override of one band cannot leave the bands out of order. Throws a
 * ZodError when invalid.
 */
export function resolveDriftThresholds(overrides: unknown = {}): DriftThresholds {
  const o = driftThresholdOverridesSchema.parse(overrides);
  const d = DEFAULT_DRIFT_THRESHOLDS;
  return driftThresholdsSchema.parse({
    alpha: o.alpha ?? d.alpha,
    minSamples: o.minSamples ?? d.minSamples,
    psi: { ...d.psi, ...stripUndefined(o.psi) },
    jsDistance: { ...d.jsDistance, ...stripUndefined(o.jsDistance) },
  });
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
