import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { DatasetComposition } from '../../models/data/composition';
import type { DriftCheckStatus } from '../contracts/drift-check';
import type { DriftSeverity } from '../contracts/drift-severity';
import type { RetrainAction } from '../contracts/retrain-controller';
import type { Scope } from '../auth/scopes';

/** Rows written by the `systemCheck` workflow to prove the database accepts writes. */
export interface SystemChecksTable {
  id: string;
  token: string;
  created_at: ColumnType<Date, never, never>;
}

export type SourceFormat = 'challenge' | 'labelled';

export interface SourcesTable {
  id: string;
  name: string;
  format: SourceFormat;
  x_key: string;
  x_sha256: string;
  x_bytes: ColumnType<string, number, number>;
  y_key: string | null;
  y_sha256: string | null;
  header: string[];
  row_count: number;
  labelled: boolean;
  image_count: Generated<number>;
  created_at: ColumnType<Date, never, never>;
  /** Migration 0011: a retired source feeds neither ingestion nor snapshots. */
  state: Generated<SourceState>;
  is_demo: Generated<boolean>;
}

export type SourceState = 'active' | 'retired';

export type SourceEventKind = 'imported' | 'retired' | 'reactivated' | 'deleted';

/** A source's audit log; it outlives the source, so it names it by name and file hashes too. */
export interface SourceEventsTable {
  id: Generated<string>;
  at: Generated<Date>;
  source_id: string;
  source_name: string;
  x_sha256: string;
  y_sha256: string | null;
  kind: SourceEventKind;
  actor: string;
  reason: string;
  details: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface SourceChunksTable {
  source_id: string;
  first_row: number;
  byte_offset: ColumnType<string, number, number>;
  line: number;
}

export interface SourceLabelsTable {
  source_id: string;
  row_index: string;
  prdtypecode: string;
  y_row: number;
}

export interface SourceImagesTable {
  source_id: string;
  imageid: ColumnType<string, number | string, number | string>;
  productid: ColumnType<string, number | string, number | string>;
  raw_key: string;
  bytes: number;
}

/** Why `rakuten import --images` did not store a file. */
export type ImageRejectKind =
  'symlink' | 'not_regular' | 'too_large' | 'not_image' | 'unsafe_name' | 'unreadable';

export interface ImageRejectsTable {
  source_id: string;
  /** The file's path in the folder or its name in the ZIP. */
  name: string;
  kind: ImageRejectKind;
  reason: string;
  rejected_at: Generated<Date>;
}

export type BatchStatus = 'planned' | 'committed';

export interface IngestBatchesTable {
  id: string;
  source_id: string;
  start_row: number;
  end_row: number;
  committed_row: number;
  status: BatchStatus;
  workflow_id: string;
  inserted: Generated<number>;
  updated: Generated<number>;
  rejected: Generated<number>;
  images: Generated<number>;
  labelled_inserted: Generated<number>;
  /** Rejected rows of this batch deleted by retention: still rejected, no longer kept. */
  rejected_pruned: Generated<number>;
  planned_at: Generated<Date>;
  /** When a chunk last committed: a batch untouched for long belongs to a run that died. */
  touched_at: Date | null;
  committed_at: Date | null;
}

export interface ProductsTable {
  source_id: string;
  row_number: number;
  line: number;
  row_index: string | null;
  designation: string;
  description: string | null;
  productid: ColumnType<string | null, number | string | null, number | string | null>;
  imageid: ColumnType<string | null, number | string | null, number | string | null>;
  prdtypecode: number | null;
  image_key: string | null;
  batch_id: string;
  ingested_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RejectedRowsTable {
  source_id: string;
  row_number: number;
  line: number;
  reason: string;
  raw_text: string;
  raw_bytes: Buffer | null;
  batch_id: string;
  rejected_at: Generated<Date>;
  /** Migration 0015: the reason with its values blanked (activities/ingest/rejected-reason-kind.ts). */
  reason_kind: GeneratedAlways<string>;
}

export interface RetrainBacklogTable {
  id: number;
  new_labelled_rows: ColumnType<string, number, number>;
  since: Generated<Date>;
}

export interface DatasetVersionsTable {
  version: string;
  object_key: string;
  rows: number;
  gold_rows: number;
  class_counts: ColumnType<Record<string, number>, string, string>;
  source_ids: string[];
  batch_ids: string[];
  cutoff: ColumnType<Date, Date, Date>;
  bytes: ColumnType<string, number, number>;
  created_at: Generated<Date>;
  /** Rows by source and class; null for versions snapshotted before migration 0012. */
  composition: Json<DatasetComposition> | null;
}

/** How far a trainModel run has got with its version. */
export type ModelStage = 'training' | 'registered' | 'failed';

/** JSON columns: read as values, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface ModelVersionsTable {
  version: string;
  workflow_id: string;
  stage: ModelStage;
  dataset_version: string;
  family: string | null;
  parameters: Json<object> | null;
  seed: number;
  metrics: Json<Record<string, unknown>> | null;
  gold_weighted_f1: number | null;
  git_commit: string | null;
  durations: Json<Record<string, number>> | null;
  artifacts: Json<Record<string, string>> | null;
  artifact_sha256: Json<Record<string, string>> | null;
  gate: Json<{ promoted: boolean; reason: string; [key: string]: unknown }> | null;
  created_at: Generated<Date>;
  registered_at: Date | null;
}

export interface ModelAliasesTable {
  alias: string;
  version: string;
  previous_version: string | null;
  updated_at: Generated<Date>;
  updated_by: string;
}

export type ModelEventKind = 'registered' | 'promoted' | 'rejected' | 'rolled_back';

export interface ModelEventsTable {
  id: Generated<string>;
  at: Generated<Date>;
  kind: ModelEventKind;
  actor: string;
  reason: string;
  version: string;
  previous_version: string | null;
  next_version: string | null;
  details: Json<Record<string, unknown>> | null;
}

export interface RetrainDecisionsTable {
  id: Generated<string>;
  at: Generated<Date>;
  controller_id: string;
  action: RetrainAction;
  trigger: string;
  reason: string;
  training_workflow_id: string | null;
  state: Json<Record<string, unknown>>;
}

export interface ApiTokensTable {
  name: string;
  token_sha256: string;
  /** What the token may do (core/auth/scopes.ts); migration 0009. */
  scope: Scope;
  created_at: Generated<Date>;
  /** Null: never expires. */
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface PredictionLogTable {
  id: Generated<string>;
  at: Date;
  model_version: string;
  input_sha256: string;
  title_length: number;
  description_length: number;
  predicted_code: number;
  confidence: number;
  latency_ms: number;
  shadow_version: string | null;
  shadow_code: number | null;
  shadow_confidence: number | null;
}

export interface DriftReportsTable {
  id: string;
  created_at: Generated<Date>;
  status: DriftCheckStatus;
  severity: DriftSeverity;
  reason: string;
  champion_version: string | null;
  dataset_version: string | null;
  window: Json<Record<string, unknown>>;
  result: Json<Record<string, unknown>> | null;
  report_key: string | null;
  signalled_at: Date | null;
}

/** A running worker process's heartbeat (see workers/liveness-heartbeat.ts). */
export interface WorkerLivenessTable {
  worker_id: string;
  host: string;
  pid: number;
  queues: string[];
  started_at: Generated<Date>;
  last_seen: Generated<Date>;
}

export interface Database {
  system_checks: SystemChecksTable;
  sources: SourcesTable;
  source_events: SourceEventsTable;
  source_chunks: SourceChunksTable;
  source_labels: SourceLabelsTable;
  source_images: SourceImagesTable;
  image_rejects: ImageRejectsTable;
  ingest_batches: IngestBatchesTable;
  products: ProductsTable;
  rejected_rows: RejectedRowsTable;
  retrain_backlog: RetrainBacklogTable;
  dataset_versions: DatasetVersionsTable;
  model_versions: ModelVersionsTable;
  model_aliases: ModelAliasesTable;
  model_events: ModelEventsTable;
  retrain_decisions: RetrainDecisionsTable;
  api_tokens: ApiTokensTable;
  prediction_log: PredictionLogTable;
  drift_reports: DriftReportsTable;
  worker_liveness: WorkerLivenessTable;
}

export type { Generated };
