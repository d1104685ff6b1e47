import type { ApplyRetentionInput, RetentionTable } from '../core/contracts/retention';

const DAY_MS = 86_400_000;

export interface TablePlan {
  table: RetentionTable;
  days: number;
  /** Rows written before this go; null: the table is kept forever (0 days). */
  cutoff: Date | null;
}

/** Each table's cutoff, counted back from `now` (the workflow's own clock, so replays agree). */
export function retentionPlan(input: ApplyRetentionInput, now: Date): TablePlan[] {
  const days: Record<RetentionTable, number> = {
    prediction_log: input.predictionLogDays,
    rejected_rows: input.rejectedRowsDays,
  };
  return (Object.keys(days) as RetentionTable[]).map((table) => ({
    table,
    days: days[table],
    cutoff: days[table] === 0 ? null : new Date(now.getTime() - days[table] * DAY_MS),
  }));
}
