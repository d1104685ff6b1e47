import { z } from 'zod';
import { DRIFT_SEVERITIES } from '../../../core/contracts/drift-severity';
import { formatPValue } from '../../../models/drift/compare';

const plot = z.object({
  bins: z.array(z.string()),
  reference: z.array(z.number()),
  current: z.array(z.number()),
});

// What the page reads of a stored DriftResult (models/drift/compare.ts); jsonb holds whatever
// was written, so it is checked, and a feature that does not parse is shown as not readable.
const feature = z.object({
  name: z.string(),
  displayName: z.string(),
  kind: z.string(),
  status: z.string(),
  severity: z.enum(DRIFT_SEVERITIES),
  reason: z.string(),
  unit: z.string(),
  samples: z.object({ reference: z.number(), current: z.number() }),
  statistics: z
    .object({
      psi: z.number(),
      jsDistance: z.number(),
      klDivergence: z.number(),
      test: z.object({
        kind: z.string(),
        statistic: z.number(),
        pValue: z.number(),
        df: z.number().nullable(),
      }),
    })
    .nullable(),
  significant: z.boolean().nullable(),
  plot: plot.nullable(),
});

export type DriftFeatureView = z.output<typeof feature>;

export interface DriftResultView {
  summary: string | null;
  featureAlpha: number | null;
  features: DriftFeatureView[];
  /** Features stored in a shape this page cannot read: counted, not hidden. */
  unreadable: number;
}

/** The features of a stored drift result, in the order the check wrote them. */
export function driftResultView(result: Record<string, unknown> | null): DriftResultView {
  const raw = Array.isArray(result?.features) ? (result.features as unknown[]) : [];
  const features: DriftFeatureView[] = [];
  for (const f of raw) {
    const parsed = feature.safeParse(f);
    if (parsed.success) features.push(parsed.data);
  }
  return {
    summary: typeof result?.summary === 'string' ? result.summary : null,
    featureAlpha: typeof result?.featureAlpha === 'number' ? result.featureAlpha : null,
    features,
    unreadable: raw.length - features.length,
  };
}

/** A statistic for a table cell: three significant digits, or a dash. */
export function stat(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Number(value.toPrecision(3)).toString();
}

/** A p-value as the HTML report writes it, or a dash. */
export function pValue(p: number | null | undefined): string {
  return p === null || p === undefined ? '–' : formatPValue(p);
}
