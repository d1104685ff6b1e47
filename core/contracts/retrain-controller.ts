/** Shared by the `retrainController` workflow, ingestion, the CLI and tests. */
import { z } from 'zod';
import { driftSeveritySchema } from './drift-severity';
import { actorSchema, boundedInt, MAX_RECORD_CHARS, unitIntervalSchema } from './fields';
import { checked } from './parse';
import { trainModelInputSchema } from './train-model';

/** The controller of a deployment: one entity workflow under a fixed ID. */
export const RETRAIN_CONTROLLER_ID = 'retrain-controller';

/** More new rows than any backlog threshold needs; a bound, so a count cannot overflow. */
const MAX_BACKLOG_ROWS = 1_000_000_000;

export const thresholdsSchema = z.strictObject({
  /** A champion whose gold weighted F1 is below this is retrained at once. */
  f1Floor: unitIntervalSchema,
  /** New labelled rows that trigger a retrain. */
  backlogRows: boundedInt(1, MAX_BACKLOG_ROWS),
  /** Drift at or above this severity triggers a retrain. */
  driftSeverity: driftSeveritySchema,
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** What the `setThresholds` update and a controller's input may change. */
export const thresholdChangeSchema = thresholdsSchema.partial();

export const DEFAULT_THRESHOLDS: Thresholds = {
  f1Floor: 0.7,
  backlogRows: 10_000,
  driftSeverity: 'high',
};

/** What the controller did about a request, as `retrain_decisions` records it. */
export const RETRAIN_ACTIONS = ['train', 'queue', 'skip', 'done', 'failed'] as const;
export type RetrainAction = (typeof RETRAIN_ACTIONS)[number];

export const RETRAIN_TRIGGERS = ['first_model', 'backlog', 'f1_floor', 'drift', 'request'] as const;
export type RetrainTrigger = (typeof RETRAIN_TRIGGERS)[number];

// What the controller wrote itself: its texts are clipped (clipRecord), and its children's IDs
// add to its own.
const recordText = z.string().max(MAX_RECORD_CHARS);
const childId = z.string().max(1_000);
const timestamp = z.iso.datetime();
const count = boundedInt(0, Number.MAX_SAFE_INTEGER);

export const retrainRequestSchema = z.strictObject({
  trigger: z.enum(RETRAIN_TRIGGERS),
  reason: recordText,
  by: actorSchema,
});
export type RetrainRequest = z.infer<typeof retrainRequestSchema>;

const trainingOutcomeSchema = z.strictObject({
  workflowId: childId.nullable(),
  trigger: z.enum(RETRAIN_TRIGGERS),
  /** promoted, rejected (kept a candidate), unchanged (this data was trained on) or failed. */
  outcome: z.enum(['promoted', 'rejected', 'unchanged', 'failed']),
  modelVersion: z.string().max(100).nullable(),
  reason: recordText,
  finishedAt: timestamp,
  /** Requests received before this training started: it answers every one of them. */
  coversRequest: count,
});
export type TrainingOutcome = z.infer<typeof trainingOutcomeSchema>;

/** The signals a controller hears; a bad one is dropped and counted under its name. */
export const CONTROLLER_SIGNALS = ['dataIngested', 'driftDetected', 'retrainRequested'] as const;
export type ControllerSignal = (typeof CONTROLLER_SIGNALS)[number];

const rejectedSignalSchema = z.strictObject({
  count: count,
  /** What was wrong with the last one, field first. */
  lastProblem: recordText,
  lastAt: timestamp,
});
export type RejectedSignal = z.infer<typeof rejectedSignalSchema>;

export const controllerStatusSchema = z.strictObject({
  thresholds: thresholdsSchema,
  backlog: count,
  champion: z
    .strictObject({ version: z.string().max(100), goldWeightedF1: z.number().nullable() })
    .nullable(),
  running: retrainRequestSchema
    .extend({ workflowId: childId.nullable(), startedAt: timestamp, coversRequest: count })
    .nullable(),
  queued: retrainRequestSchema.nullable(),
  lastDecision: z
    .strictObject({
      action: z.enum(RETRAIN_ACTIONS),
      trigger: z.enum(RETRAIN_TRIGGERS),
      reason: recordText,
      at: timestamp,
    })
    .nullable(),
  lastTraining: trainingOutcomeSchema.nullable(),
  requestsReceived: count,
  trainingsStarted: count,
  /** The champion a floor breach was acted on: the same champion is not retrained twice for it. */
  floorHandledFor: z.string().max(100).nullable(),
  /** Signals dropped because they did not parse, by name (a state carried from before has none). */
  rejectedSignals: z.partialRecord(z.enum(CONTROLLER_SIGNALS), rejectedSignalSchema).default({}),
});
export type ControllerStatus = z.infer<typeof controllerStatusSchema>;

/** Training settings the controller passes to every trainModel run. */
export const trainingSettingsSchema = trainModelInputSchema.pick({
  families: true,
  folds: true,
  seed: true,
  gate: true,
  heartbeatTimeoutSeconds: true,
  trainingTaskQueue: true,
});
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

export const controllerInputSchema = z.strictObject({
  thresholds: thresholdChangeSchema.optional(),
  training: trainingSettingsSchema.optional(),
  /** State handed over by continue-as-new. */
  carried: controllerStatusSchema.optional(),
});
export type ControllerInput = z.input<typeof controllerInputSchema>;

/** The workflow's signature, for clients that start it by name without importing workflows. */
export type RetrainControllerWorkflow = (input?: ControllerInput) => Promise<void>;

/** Why a change of thresholds is nonsense, or undefined if it is fine. */
export function thresholdsProblem(change: unknown): string | undefined {
  const result = checked(thresholdChangeSchema, change, 'thresholds');
  return result.ok ? undefined : result.problem;
}
