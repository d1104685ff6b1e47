import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../../core/db/connect';
import { readRegistrySnapshot } from './registry-snapshot';
import type { RegistrySnapshot } from './registry-snapshot';

/**
 * The worker's own metrics. Training durations are observed in this process; everything else
 * is read from PostgreSQL at scrape time (see registry-snapshot.ts), once per scrape however
 * many metrics ask for it.
 */
export function createWorkerMetrics(db: Db) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  let pending: Promise<RegistrySnapshot> | null = null;
  const snapshot = () => {
    if (!pending) {
      pending = readRegistrySnapshot(db);
      // One read serves every metric of one scrape; the next scrape reads again.
      setTimeout(() => (pending = null), 1_000).unref();
    }
    return pending;
  };
  const registers = [registry];

  const trainingDuration = new Histogram({
    name: 'rakuten_training_duration_seconds',
    help: 'time to train one candidate family with cross-validation',
    labelNames: ['family'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers,
  });

  new Counter({
    name: 'rakuten_rows_ingested_total',
    help: 'rows written to products by committed ingestion batches',
    registers,
    async collect() {
      this.reset();
      this.inc((await snapshot()).rowsIngested);
    },
  });
  new Counter({
    name: 'rakuten_rows_rejected_total',
    help: 'rows rejected, with their reason kept in rejected_rows',
    registers,
    async collect() {
      this.reset();
      this.inc((await snapshot()).rowsRejected);
    },
  });
  new Gauge({
    name: 'rakuten_ingest_last_success_timestamp_seconds',
    help: 'when an ingestion batch last committed (Unix time)',
    registers,
    async collect() {
      this.reset();
      const last = (await snapshot()).lastIngestSeconds;
      if (last !== null) this.set(last);
    },
  });
  new Gauge({
    name: 'rakuten_model_weighted_f1',
    help: 'gold-holdout weighted F1 of each registered model version',
    labelNames: ['version', 'family'],
    registers,
    async collect() {
      this.reset();
      for (const m of (await snapshot()).models)
        this.set({ version: m.version, family: m.family }, m.f1);
    },
  });
  new Gauge({
    name: 'rakuten_champion_weighted_f1',
    help: 'gold-holdout weighted F1 of the champion',
    labelNames: ['version'],
    registers,
    async collect() {
      this.reset();
      const champion = (await snapshot()).champion;
      if (champion) this.set({ version: champion.version }, champion.f1);
    },
  });
  new Gauge({
    name: 'rakuten_champion_f1_floor',
    help: "the retraining controller's F1 floor, as of its last decision",
    registers,
    async collect() {
      this.set((await snapshot()).f1Floor);
    },
  });
  new Counter({
    name: 'rakuten_gate_decisions_total',
    help: 'trained versions the promotion gate promoted or rejected',
    labelNames: ['outcome'],
    registers,
    async collect() {
      this.reset();
      for (const g of (await snapshot()).gate) this.inc({ outcome: g.outcome }, g.count);
    },
  });
  new Counter({
    name: 'rakuten_retrain_decisions_total',
    help: "the retraining controller's decisions, by what triggered them and what it did",
    labelNames: ['reason', 'action'],
    registers,
    async collect() {
      this.reset();
      for (const d of (await snapshot()).decisions)
        this.inc({ reason: d.trigger, action: d.action }, d.count);
    },
  });
  new Gauge({
    name: 'rakuten_drift_score',
    help: 'drift statistics of the latest drift report, by feature and statistic',
    labelNames: ['feature', 'statistic'],
    registers,
    async collect() {
      this.reset();
      for (const f of (await snapshot()).drift.features)
        for (const [statistic, value] of Object.entries(f.scores))
          this.set({ feature: f.feature, statistic }, value);
    },
  });
  new Gauge({
    name: 'rakuten_drift_severity',
    help: 'severity of each feature in the latest drift report: 0 none, 1 low, 2 medium, 3 high',
    labelNames: ['feature'],
    registers,
    async collect() {
      this.reset();
      for (const f of (await snapshot()).drift.features)
        this.set({ feature: f.feature }, f.severity);
    },
  });
  new Gauge({
    name: 'rakuten_drift_last_check_timestamp_seconds',
    help: 'when the last drift check recorded a report (Unix time)',
    registers,
    async collect() {
      this.reset();
      const at = (await snapshot()).drift.checkedSeconds;
      if (at !== null) this.set(at);
    },
  });

  return { registry, trainingDuration };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
