import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { Classifier } from '../../models/classifier';
import type {
  InferenceReply,
  InferenceRequest,
  InferenceThreadData,
  PredictMessage,
  ScoredProduct,
} from './inference-messages';
import { smokeTest } from './smoke-test';

// A version's load may still be under way when its first prediction arrives (a thread restarted
// under load): predictions wait on the promise rather than failing.
const models = new Map<string, Promise<Classifier>>();

const { unfinished } = workerData as InferenceThreadData;

function reply(message: InferenceReply): void {
  parentPort!.postMessage(message);
}

/** Frees a version's session once its load has settled; a failed load has nothing to free. */
function release(model: Promise<Classifier> | undefined): Promise<void> {
  return model?.then((c) => c.release()).catch(() => undefined) ?? Promise.resolve();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function load(version: string, onnx: Uint8Array, featurizer: string, card: string) {
  const loading = Classifier.load({ onnx, featurizer, card }).then(async (classifier) => {
    try {
      await smokeTest(version, classifier);
      return classifier;
    } catch (error) {
      await classifier.release();
      throw error;
    }
  });
  models.set(version, loading);
  try {
    await loading;
    reply({ type: 'loaded', version });
  } catch (error) {
    models.delete(version);
    reply({ type: 'loaded', version, error: describe(error) });
  }
}

let running = 0;
let closing = false;

async function predict(message: PredictMessage): Promise<void> {
  running++;
  let answer: InferenceReply;
  try {
    answer = { type: 'predicted', id: message.id, scored: await score(message) };
  } catch (error) {
    answer = { type: 'predicted', id: message.id, error: describe(error) };
  }
  // Before the answer is sent: the pool admits new work by this count, and a client answered
  // may send its next request at once.
  Atomics.sub(unfinished, 0, message.products.length);
  reply(answer);
  running--;
  if (closing && running === 0) void close();
}

async function score(message: PredictMessage): Promise<ScoredProduct[]> {
  const model = models.get(message.version);
  if (!model) throw new Error(`model ${message.version} is not loaded in this thread`);
  const classifier = await model;
  const scored: ScoredProduct[] = [];
  for (const { designation, description } of message.products) {
    const started = performance.now();
    const prediction = await classifier.predict(designation, description, message.topK);
    const latencyMs = performance.now() - started;
    const inputSha256 = createHash('sha256')
      .update(designation)
      .update('\0')
      .update(description)
      .digest('hex');
    scored.push({ prediction, inputSha256, latencyMs });
  }
  return scored;
}

/**
 * Ends the thread once no onnxruntime run is under way: a thread terminated in the middle of
 * one aborts the whole process (the binding throws a C++ exception nobody catches).
 */
async function close(): Promise<void> {
  const loaded = [...models.values()];
  models.clear();
  await Promise.all(loaded.map(release));
  parentPort!.close();
}

parentPort!.on('message', (message: InferenceRequest) => {
  switch (message.type) {
    case 'load':
      void load(message.version, message.onnx, message.featurizer, message.card);
      break;
    case 'unload': {
      const model = models.get(message.version);
      models.delete(message.version);
      // The pool unloads a version only once every prediction on it has answered.
      void release(model);
      break;
    }
    case 'predict':
      void predict(message);
      break;
    case 'close':
      closing = true;
      if (running === 0) void close();
      break;
    default:
      // Only a bug sends anything else: the thread dies and the pool replaces it.
      throw new Error(
        `an inference thread got a message it does not know: ${JSON.stringify(message)}`,
      );
  }
});
