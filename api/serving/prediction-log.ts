import type { Insertable } from 'kysely';
import type { Db } from '../../core/db/connect';
import type { PredictionLogTable } from '../../core/db/schema';
import type { Logger } from '../../core/logging/logger';
import type { ServingMetrics } from './metrics';

export type PredictionLogRow = Insertable<PredictionLogTable>;

const MAX_BUFFERED = 20_000;
const FLUSH_ROWS = 1_000;
const FLUSH_EVERY_MS = 500;

/**
 * Writes predictions to PostgreSQL off the response path, in batches. The buffer is bounded:
 * when PostgreSQL is slow or down, rows beyond it are dropped and counted, and serving goes on.
 */
export class PredictionLog {
  private buffer: PredictionLogRow[] = [];
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private lastWarning = 0;

  constructor(
    private readonly db: Db,
    private readonly metrics: ServingMetrics,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  push(row: PredictionLogRow): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.metrics.logDropped.inc();
      return;
    }
    this.buffer.push(row);
    if (this.buffer.length >= FLUSH_ROWS) void this.flush();
  }

  flush(): Promise<void> {
    if (this.flushing || this.buffer.length === 0) return this.flushing ?? Promise.resolve();
    const rows = this.buffer.splice(0, FLUSH_ROWS);
    this.flushing = this.db
      .insertInto('prediction_log')
      .values(rows)
      .execute()
      .then(
        () => undefined,
        (error: unknown) => {
          this.metrics.logDropped.inc(rows.length);
          // One line per 10 s at most: a database outage must not flood the logs.
          if (Date.now() - this.lastWarning > 10_000) {
            this.lastWarning = Date.now();
            this.logger.warn(
              { error: String(error), dropped: rows.length },
              'prediction log rows dropped',
            );
          }
        },
      )
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /** Writes everything buffered so far. */
  async drain(): Promise<void> {
    while (this.buffer.length > 0 || this.flushing) await this.flush();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.drain();
  }
}
