import { z } from 'zod';
import { DRIFT_CHECK_STATUSES } from '../../core/contracts/drift-check';
import { driftSeveritySchema } from '../../core/contracts/drift-severity';
import { pageOf } from '../schemas';

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

export const driftReportSummary = driftReport
  .pick({
    id: true,
    created_at: true,
    status: true,
    severity: true,
    reason: true,
    champion_version: true,
    report_url: true,
  })
  .meta({
    id: 'DriftReportSummary',
    description: 'a drift check without its per-feature statistics',
  });

export type DriftReportSummary = z.output<typeof driftReportSummary>;

export const driftReportPage = pageOf(driftReportSummary, 'DriftReportPage');
