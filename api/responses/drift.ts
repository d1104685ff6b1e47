import { z } from 'zod';
import { DRIFT_CHECK_STATUSES } from '../../core/contracts/drift-check';
import { driftSeveritySchema } from '../../core/contracts/drift-severity';

export const driftCheckStatusSchema = z.enum(DRIFT_CHECK_STATUSES);

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
