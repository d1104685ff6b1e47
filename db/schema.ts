import type { ColumnType, Generated } from 'kysely';

/** Rows written by the `systemCheck` workflow to prove the database accepts writes. */
export interface SystemChecksTable {
  id: string;
  token: string;
  created_at: ColumnType<Date, never, never>;
}

export interface Database {
  system_checks: SystemChecksTable;
}

export type { Generated };
