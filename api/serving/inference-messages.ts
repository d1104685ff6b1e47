import type { Prediction } from '../../models/classifier';
import type { ProductText } from './product-text';

/** Load a version into a thread: its three files, as the registry's checksums verified them. */
export interface LoadMessage {
  type: 'load';
  version: string;
  onnx: Uint8Array;
  featurizer: string;
  card: string;
}

export interface UnloadMessage {
  type: 'unload';
  version: string;
}

/** Score products, in order, on a version the thread has loaded. */
export interface PredictMessage {
  type: 'predict';
  id: number;
  version: string;
  products: ProductText[];
  topK: number;
}

/** Finish the predictions under way, release every session, and end the thread. */
export interface CloseMessage {
  type: 'close';
}

export type InferenceRequest = LoadMessage | UnloadMessage | PredictMessage | CloseMessage;

/** One product's prediction, with what the prediction log records of its input. */
export interface ScoredProduct {
  prediction: Prediction;
  inputSha256: string;
  /** Featurise + inference, in the thread. */
  latencyMs: number;
}

export interface LoadedReply {
  type: 'loaded';
  version: string;
  error?: string;
}

export interface PredictReply {
  type: 'predicted';
  id: number;
  scored?: ScoredProduct[];
  error?: string;
}

export type InferenceReply = LoadedReply | PredictReply;

/** What a thread is started with. */
export interface InferenceThreadData {
  /** One Int32: products sent to the thread and not scored yet (see InferencePool). */
  unfinished: Int32Array;
}
