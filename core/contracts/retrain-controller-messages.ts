import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DriftSeverity } from './drift-severity';
import type { ControllerStatus, Thresholds } from './retrain-controller';

export const dataIngestedSignal = defineSignal<[{ rows: number }]>('dataIngested');
export const driftDetectedSignal =
  defineSignal<[{ reportId: string; severity: DriftSeverity }]>('driftDetected');
export const retrainRequestedSignal =
  defineSignal<[{ by: string; reason: string }]>('retrainRequested');
export const statusQuery = defineQuery<ControllerStatus>('status');
export const setThresholdsUpdate = defineUpdate<Thresholds, [Partial<Thresholds>]>('setThresholds');
