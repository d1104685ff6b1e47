/** A training thread: runs the one task it was started with, reports progress, then answers. */
import { parentPort, workerData } from 'node:worker_threads';
import { fitCandidate } from './candidate-work';
import { scoreGold } from './evaluate-work';
import { refitFiles } from './refit-work';
import { serializeError } from './run-in-thread';
import type { ThreadReply, ThreadResults, ThreadTask } from './thread-protocol';

const post = (reply: ThreadReply, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(reply, transfer);
const progress = (step: string) => post({ type: 'progress', step });

/** The task's answer, and the buffers in it that move back rather than being copied. */
async function run(task: ThreadTask): Promise<[ThreadResults[ThreadTask['kind']], ArrayBuffer[]]> {
  switch (task.kind) {
    case 'candidate': {
      const fit = await fitCandidate(task, progress);
      return [fit, [fit.oofLogits.buffer as ArrayBuffer]];
    }
    case 'refit': {
      const fit = await refitFiles(task, progress);
      return [fit, [fit.files.onnx.buffer as ArrayBuffer]];
    }
    case 'evaluate':
      return [await scoreGold(task, progress), []];
  }
}

run(workerData as ThreadTask).then(
  ([value, transfer]) => post({ type: 'result', value }, transfer),
  (error: unknown) => post({ type: 'error', error: serializeError(error) }),
);
