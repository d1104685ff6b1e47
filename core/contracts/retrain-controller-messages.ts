import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { driftSeveritySchema } from './drift-severity';
import { actorSchema, boundedInt, reasonSchema, workflowIdSchema } from './fields';
import type { ControllerStatus, Thresholds } from './retrain-controller';

/** `dataIngested`: ingestion committed this many new labelled rows. */
export const dataIngestedSchema = z.strictObject({ rows: boundedInt(0, 1_000_000_000) });
export type DataIngested = z.infer<typeof dataIngestedSchema>;

/** `driftDetected`: a drift check found drift; its report's ID is the check's workflow ID. */
export const driftDetectedSchema = z.strictObject({
  reportId: workflowIdSchema,
  severity: driftSeveritySchema,
});
export type DriftDetected = z.infer<typeof driftDetectedSchema>;

/** Someone asks for a training: who (from their login or token) and why. */
export const retrainAskSchema = z.strictObject({ by: actorSchema, reason: reasonSchema });
export type RetrainAsk = z.infer<typeof retrainAskSchema>;

/** The answer to a training request: its number, which `status.lastTraining.coversRequest` reaches. */
export interface RetrainTicket {
  request: number;
}

// The types say what callers send; anyone who reaches Temporal can send anything else, so the
// controller's handlers take `unknown` and parse it with the schemas above.
export const dataIngestedSignal = defineSignal<[DataIngested]>('dataIngested');
export const driftDetectedSignal = defineSignal<[DriftDetected]>('driftDetected');
/** Kept for callers that only signal (the API); `requestRetrainUpdate` answers. */
export const retrainRequestedSignal = defineSignal<[RetrainAsk]>('retrainRequested');
export const statusQuery = defineQuery<ControllerStatus>('status');
export const setThresholdsUpdate = defineUpdate<Thresholds, [Partial<Thresholds>]>('setThresholds');
/** A training request that is answered: refused by its validator, or numbered. */
export const requestRetrainUpdate = defineUpdate<RetrainTicket, [RetrainAsk]>('requestRetrain');
