import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IntegrityError } from '../../core/storage/integrity';
import type { ThreadError, ThreadReply, ThreadResults, ThreadTask } from './thread-protocol';
import { TrainingDataError } from './training-set';

export interface ThreadControl {
  /** Hears each step the thread reports. */
  onProgress: (step: string) => void;
  /** Aborting it (a cancelled activity, a worker shutting down) terminates the thread at once. */
  signal?: AbortSignal;
}

/**
 * Runs one CPU-heavy training step on a worker thread of its own, so the worker's event loop
 * stays free for heartbeats, queries and workflow tasks. `transfer` lists the buffers the task
 * hands over: they move to the thread rather than being copied, and are unusable here after.
 */
export function runInThread<K extends ThreadTask['kind']>(
  task: Extract<ThreadTask, { kind: K }>,
  transfer: ArrayBuffer[],
  { onProgress, signal }: ThreadControl,
): Promise<ThreadResults[K]> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  const worker = new Worker(path.join(__dirname, 'thread-entry.js'), {
    workerData: task,
    transferList: transfer,
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // Also stops the cross-validation threads it started.
      void worker.terminate();
      outcome();
    };
    const onAbort = () => settle(() => reject(signal!.reason as Error));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: ThreadReply) => {
      if (reply.type === 'progress') onProgress(reply.step);
      else if (reply.type === 'result') settle(() => resolve(reply.value as ThreadResults[K]));
      else settle(() => reject(rebuildError(reply.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`the ${task.kind} thread exited (code ${code}) without an answer`)),
      ),
    );
  });
}

/** The error as thrown in the thread, with its class where the activity tells classes apart. */
export function serializeError(error: unknown): ThreadError {
  if (error instanceof IntegrityError) {
    return {
      name: error.name,
      message: error.message,
      object: error.object,
      problem: error.problem,
    };
  }
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

function rebuildError(e: ThreadError): Error {
  if (e.name === 'IntegrityError' && e.object && e.problem !== undefined) {
    return new IntegrityError(e.object, e.problem);
  }
  const error =
    e.name === 'TrainingDataError' ? new TrainingDataError(e.message) : new Error(e.message);
  if (e.stack) error.stack = e.stack;
  if (e.name !== error.name) error.name = e.name;
  return error;
}
