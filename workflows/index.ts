export { systemCheck } from './system-check';
export { ingestBatch } from './ingest-batch';
export { resetData } from './reset-data';
export { trainModel } from './train-model';
export { retrainController } from './retrain-controller';
export { driftCheck } from './drift-check';
export { applyRetention } from './apply-retention';
