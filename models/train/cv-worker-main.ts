import { parentPort } from 'node:worker_threads';
import { logitsOf } from '../score';
import type { FoldMessage, JobMessage, JobResult } from './cv-jobs';
import { FAMILY_SPECS } from './families';

const folds = new Map<number, FoldMessage>();

parentPort?.on('message', (message: FoldMessage | JobMessage | { type: 'drop'; fold: number }) => {
  if (message.type === 'fold') {
    folds.set(message.fold, message);
    return;
  }
  if (message.type === 'drop') {
    folds.delete(message.fold);
    return;
  }
  const fold = folds.get(message.fold)!;
  let result: JobResult;
  const started = performance.now();
  try {
    const params = FAMILY_SPECS[message.family].trainer(
      { x: fold.trainX, y: fold.trainY, nClasses: fold.nClasses },
      message.hyper,
      { seed: message.seed },
    );
    const logits = logitsOf(params, fold.testX);
    result = { id: message.id, logits, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    result = {
      id: message.id,
      logits: new Float64Array(0),
      seconds: 0,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort!.postMessage(result, [result.logits.buffer as ArrayBuffer]);
});
