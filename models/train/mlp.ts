import type { MlpParams } from '../params';
import { createRng } from '../random';
import { sparseRowTimesTable } from '../sparse-dense';
import { adamDense, adamStep } from './mlp-adam';
import { TermBatch } from './mlp-batch';
import { addTransposedProduct, multiplyAddBias, multiplyTransposed } from './mlp-gemm';
import type { Trainer } from './trainer';

export interface MlpHyper {
  embeddingDim: number;
  hiddenDim: number;
  epochs: number;
  /** Adam's step size. */
  learningRate: number;
  /** Share of hidden units dropped while training; default 0. */
  dropout?: number;
  /** Decoupled (AdamW) weight decay of the embedding and both weight matrices; default 0. */
  weightDecay?: number;
  /** Rows per Adam step; default 32. */
  batchSize?: number;
}

export const DEFAULT_MLP_BATCH_SIZE = 32;

/**
 * A fastText-style embedding bag: the TF-IDF weights of a row weight the embeddings of its
 * terms, one hidden ReLU layer follows, then a linear output layer (the forward pass of
 * `mlpLogits` in models/score.ts). Softmax cross-entropy, shuffled mini-batches, Adam: dense for
 * the two layers, lazy for the embedding rows a batch touches, with one second moment per row
 * (see `adamRow`).
 */
export const trainMlp: Trainer<MlpHyper> = (data, hyper, options) => {
  const { x, y, nClasses: K } = data;
  const { indptr, indices, values } = x;
  const n = x.nRows;
  const F = x.nCols;
  const D = hyper.embeddingDim;
  const H = hyper.hiddenDim;
  const dropout = hyper.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`dropout ${dropout} is not in [0, 1)`);
  const weightDecay = hyper.weightDecay ?? 0;
  const B = Math.max(1, Math.min(hyper.batchSize ?? DEFAULT_MLP_BATCH_SIZE, n));
  const rng = createRng(options.seed);

  const embedding = new Float32Array(F * D);
  // Adam's moments of the embedding: per entry for the first, per row for the second.
  const embeddingMoments = new Float32Array(F * D);
  const rowMoments = new Float32Array(F);
  // Terms no training row holds never get a gradient: left at zero, they add nothing at scoring
  // time instead of noise.
  const present = new Uint8Array(F);
  for (let k = 0; k < indptr[n]!; k++) present[indices[k]!] = 1;
  const embeddingLimit = 1 / Math.sqrt(D);
  for (let f = 0; f < F; f++) {
    if (present[f] === 0) continue;
    for (let d = 0; d < D; d++) embedding[f * D + d] = (2 * rng.next() - 1) * embeddingLimit;
  }

  // The dense layers live in one vector, [W1 | b1 | W2 | b2], so one Adam loop updates them.
  const w1At = 0;
  const b1At = D * H;
  const w2At = b1At + H;
  const b2At = w2At + H * K;
  const size = b2At + K;
  const theta = new Float64Array(size);
  const grad = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const heLimit = Math.sqrt(6 / D);
  for (let j = 0; j < D * H; j++) theta[w1At + j] = (2 * rng.next() - 1) * heLimit;
  const glorotLimit = Math.sqrt(6 / (H + K));
  for (let j = 0; j < H * K; j++) theta[w2At + j] = (2 * rng.next() - 1) * glorotLimit;

  // One batch's activations and their gradients, row-major [batch × width].
  const bags = new Float64Array(B * D);
  const hidden = new Float64Array(B * H);
  const keepScale = new Float64Array(B * H);
  const logits = new Float64Array(B * K);
  const dHidden = new Float64Array(B * H);
  const dBags = new Float64Array(B * D);
  const dBagSquares = new Float64Array(B);
  let maxRow = 0;
  for (let i = 0; i < n; i++) maxRow = Math.max(maxRow, indptr[i + 1]! - indptr[i]!);
  const terms = new TermBatch(F, B * maxRow, D);

  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const keepProbability = 1 - dropout;
  let t = 0;

  for (let epoch = 0; epoch < hyper.epochs; epoch++) {
    rng.shuffle(order);
    for (let batchStart = 0; batchStart < n; batchStart += B) {
      const rows = Math.min(B, n - batchStart);
      for (let s = 0; s < rows; s++) {
        const i = order[batchStart + s]!;
        sparseRowTimesTable(embedding, D, indices, values, indptr[i]!, indptr[i + 1]!, bags, s * D);
        terms.addRow(indices, values, indptr[i]!, indptr[i + 1]!, s);
      }

      multiplyAddBias(bags, theta, theta, b1At, w1At, hidden, rows, D, H);
      for (let j = 0; j < rows * H; j++) {
        // Inverted dropout: survivors are scaled up so that scoring needs no correction.
        const keep =
          hidden[j]! <= 0
            ? 0
            : dropout === 0 || rng.next() < keepProbability
              ? 1 / keepProbability
              : 0;
        keepScale[j] = keep;
        hidden[j]! *= keep;
      }
      multiplyAddBias(hidden, theta, theta, b2At, w2At, logits, rows, H, K);

      // Logits become the gradient of the batch's mean cross-entropy with respect to them.
      const inv = 1 / rows;
      for (let s = 0; s < rows; s++) {
        const at = s * K;
        let max = -Infinity;
        for (let c = 0; c < K; c++) if (logits[at + c]! > max) max = logits[at + c]!;
        let sum = 0;
        for (let c = 0; c < K; c++) {
          const e = Math.exp(logits[at + c]! - max);
          logits[at + c] = e;
          sum += e;
        }
        const scale = inv / sum;
        for (let c = 0; c < K; c++) {
          logits[at + c]! *= scale;
          grad[b2At + c]! += logits[at + c]!;
        }
        const yi = y[order[batchStart + s]!]!;
        logits[at + yi]! -= inv;
        grad[b2At + yi]! -= inv;
      }

      addTransposedProduct(hidden, logits, grad, w2At, rows, H, K);
      multiplyTransposed(logits, theta, w2At, keepScale, dHidden, rows, K, H);
      for (let s = 0; s < rows; s++)
        for (let h = 0; h < H; h++) grad[b1At + h]! += dHidden[s * H + h]!;
      addTransposedProduct(bags, dHidden, grad, w1At, rows, D, H);
      multiplyTransposed(dHidden, theta, w1At, null, dBags, rows, H, D);

      t++;
      const step = adamStep(t, hyper.learningRate, weightDecay);
      adamDense(theta, grad, m, v, w1At, b1At, step, true);
      adamDense(theta, grad, m, v, b1At, w2At, step, false);
      adamDense(theta, grad, m, v, w2At, b2At, step, true);
      adamDense(theta, grad, m, v, b2At, size, step, false);
      for (let s = 0; s < rows; s++) {
        let squares = 0;
        for (let d = 0; d < D; d++) squares += dBags[s * D + d]! * dBags[s * D + d]!;
        dBagSquares[s] = squares;
      }
      terms.applyAdam(embedding, embeddingMoments, rowMoments, D, dBags, dBagSquares, step);
    }
    options.onProgress?.((epoch + 1) / hyper.epochs);
  }

  const params: MlpParams = {
    kind: 'mlp',
    nFeatures: F,
    nClasses: K,
    embeddingDim: D,
    hiddenDim: H,
    embedding,
    hiddenWeights: Float32Array.from(theta.subarray(w1At, b1At)),
    hiddenBias: Float32Array.from(theta.subarray(b1At, w2At)),
    outputWeights: Float32Array.from(theta.subarray(w2At, b2At)),
    outputBias: Float32Array.from(theta.subarray(b2At, size)),
  };
  return params;
};
