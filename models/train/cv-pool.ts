import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CsrMatrix } from '../sparse';
import type { FoldMessage, JobMessage, JobResult } from './cv-jobs';
import type { Family } from './families';

export interface CvJob {
  family: Family;
  hyper: object;
  seed: number;
}

/**
 * Runs cross-validation fits on worker threads, one per core: fits of different grid points and
 * families are independent, and each is single-threaded, hot numeric code.
 */
export class CvPool {
  private readonly workers: Worker[];
  private nextId = 0;

  constructor(threads = Math.max(1, os.availableParallelism())) {
    this.workers = Array.from(
      { length: threads },
      () => new Worker(path.join(__dirname, 'cv-worker.js')),
    );
  }

  get size(): number {
    return this.workers.length;
  }

  /** Fits every job on one fold; the logits come back in job order. */
  async runFold(
    fold: number,
    trainX: CsrMatrix,
    trainY: Int32Array,
    testX: CsrMatrix,
    nClasses: number,
    jobs: CvJob[],
    onDone?: () => void,
  ): Promise<{ logits: Float64Array; seconds: number }[]> {
    const message: FoldMessage = {
      type: 'fold',
      fold,
      // Matrices carved from a CsrArena live in SharedArrayBuffers: every thread reads them in
      // place rather than receiving a copy.
      trainX,
      trainY: Int32Array.from(trainY),
      testX,
      nClasses,
    };
    for (const worker of this.workers) worker.postMessage(message);
    const results = new Array<{ logits: Float64Array; seconds: number }>(jobs.length);
    let next = 0;
    // Each result depends only on its own job, so which thread runs it never changes the model.
    await Promise.all(
      this.workers.map(async (worker) => {
        while (next < jobs.length) {
          const index = next++;
          const job = jobs[index]!;
          const request: JobMessage = { type: 'job', id: this.nextId++, fold, ...job };
          results[index] = await this.run(worker, request);
          onDone?.();
        }
      }),
    );
    for (const worker of this.workers) worker.postMessage({ type: 'drop', fold });
    return results;
  }

  private run(
    worker: Worker,
    request: JobMessage,
  ): Promise<{ logits: Float64Array; seconds: number }> {
    return new Promise((resolve, reject) => {
      const onMessage = (result: JobResult) => {
        if (result.id !== request.id) return;
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (result.error)
          reject(
            new Error(`training ${request.family} failed in a worker thread: ${result.error}`),
          );
        else resolve({ logits: result.logits, seconds: result.seconds });
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
