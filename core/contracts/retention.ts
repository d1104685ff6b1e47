/** Shared by the `applyRetention` workflow, its activities, the `retention-daily` schedule and tests. */
import { z } from 'zod';
import { boundedInt } from './fields';

/** Ten years: a retention longer than that is a typo, and 0 already means "keep forever". */
export const MAX_RETENTION_DAYS = 3_650;

/** The tables retention prunes, each by the time its rows were written. */
export const RETENTION_TABLES = ['prediction_log', 'rejected_rows'] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

const days = boundedInt(0, MAX_RETENTION_DAYS);

/** Days to keep each table's rows; 0 keeps them forever. */
export const applyRetentionInputSchema = z.strictObject({
  predictionLogDays: days,
  rejectedRowsDays: days,
});
export type ApplyRetentionInput = z.infer<typeof applyRetentionInputSchema>;

/** What the pruning activity is asked: rows of `table` written before `cutoff` go. */
export interface PruneRequest {
  table: RetentionTable;
  /** ISO 8601, fixed by the workflow, so a retried activity deletes up to the same instant. */
  cutoff: string;
}

export interface PruneResult {
  deleted: number;
  /** Pages of at most a few thousand rows, each deleted in its own short transaction. */
  pages: number;
}

export interface TableRetention {
  table: RetentionTable;
  days: number;
  /** Null when the table is kept forever (0 days). */
  cutoff: string | null;
  deleted: number;
}

export interface ApplyRetentionResult {
  tables: TableRetention[];
}
