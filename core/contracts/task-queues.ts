import { z } from 'zod';

/** Workflows and I/O activities. */
export const PIPELINE_TASK_QUEUE = 'pipeline';
/** CPU-heavy training activities, so training workers can be scaled and placed separately. */
export const TRAINING_TASK_QUEUE = 'training';

/**
 * The queues a training may be routed to: `training`, or `training-<suffix>` for a pool of its
 * own (`training-gpu`, a second deployment's `training-eu`, a test's `training-<uuid>`). Workflow
 * code cannot read the configuration, so the allowlist is this naming rule: nothing else, so no
 * input sends training to the pipeline queue or to a queue some other worker polls.
 */
export const TRAINING_TASK_QUEUE_PATTERN = /^training(-[A-Za-z0-9._-]{1,64})?$/;

export const trainingTaskQueueSchema = z
  .string({ error: 'must be text' })
  .regex(TRAINING_TASK_QUEUE_PATTERN, {
    error: `must be ${TRAINING_TASK_QUEUE} or ${TRAINING_TASK_QUEUE}-<suffix> (1 to 64 of A-Z a-z 0-9 . _ -)`,
  });
