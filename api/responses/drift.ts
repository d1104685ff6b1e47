import { z } from 'zod';
import type { DriftCheckStatus } from '../../core/contracts/drift-check';
import { driftSeveritySchema } from '../../core/contracts/drift-severity';

// Keyed by the contract's union, so a status added there or here and not in both fails to compile.
export const driftCheckStatusSchema = z.enum({
  ok: 'ok',
  insufficient_data: 'insufficient_data',
} satisfies { [S in DriftCheckStatus]: S });

export const driftReport = z
  .object({
    id: z.string(),
    created_at: z.iso.datetime(),
    status: driftCheckStatusSchema,
    severity: driftSeveritySchema,
    reason: z.string(),
    champion_version: z.string().nullable(),
    dataset_version: z.string().nullable(),
    window: z.record(z.string(), z.unknown()),
    signalled_at: z.iso.datetime().nullable(),
    report_url: z
      .string()
      .nullable()
      .meta({ description: 'the HTML page, when data was compared' }),
    result: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'per feature, the statistics and their severity' }),
  })
  .meta({
    id: 'DriftReport',
    description:
      'a drift check: reference (the champion training data) against the current window, per feature',
  });

export type DriftReport = z.output<typeof driftReport>;
