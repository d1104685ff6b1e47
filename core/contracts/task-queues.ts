/** Workflows and I/O activities. */
export const PIPELINE_TASK_QUEUE = 'pipeline';
/** CPU-heavy training activities, so training workers can be scaled and placed separately. */
export const TRAINING_TASK_QUEUE = 'training';
