/**
 * Adam (Kingma & Ba 2015) with decoupled weight decay (AdamW, Loshchilov & Hutter 2019), as the
 * embedding-bag network uses it: dense for the small layers, lazily per row for the embedding.
 */
export const BETA1 = 0.9;
export const BETA2 = 0.999;
const EPSILON = 1e-8;

/** The per-step constants every update of step `t` (from 1) shares. */
export interface AdamStep {
  /** learning rate / (1 - beta1^t): bias correction of the first moment folded in. */
  rate: number;
  /** 1 / sqrt(1 - beta2^t): bias correction of the second moment. */
  invRootBc2: number;
  /** learning rate × weight decay: the decoupled shrink per step. */
  shrink: number;
}

export function adamStep(t: number, learningRate: number, weightDecay: number): AdamStep {
  return {
    rate: learningRate / (1 - Math.pow(BETA1, t)),
    invRootBc2: 1 / Math.sqrt(1 - Math.pow(BETA2, t)),
    shrink: learningRate * weightDecay,
  };
}

/**
 * Updates `theta[from..to)` from `grad`, then zeroes those gradients for the next batch.
 * Biases pass `decay = false`: shrinking them only shifts the scores.
 */
export function adamDense(
  theta: Float64Array,
  grad: Float64Array,
  m: Float64Array,
  v: Float64Array,
  from: number,
  to: number,
  step: AdamStep,
  decay: boolean,
): void {
  const keep = decay ? 1 - step.shrink : 1;
  for (let j = from; j < to; j++) {
    const g = grad[j]!;
    const mj = BETA1 * m[j]! + (1 - BETA1) * g;
    const vj = BETA2 * v[j]! + (1 - BETA2) * g * g;
    m[j] = mj;
    v[j] = vj;
    theta[j] = keep * theta[j]! - (step.rate * mj) / (Math.sqrt(vj) * step.invRootBc2 + EPSILON);
    grad[j] = 0;
  }
}

/**
 * Updates embedding row `row` (`dim` entries from row · dim in `embedding` and `moments`) with
 * the gradient `gradScale · grad[gradAt .. gradAt+dim)`, whose unscaled squared norm is
 * `gradSquares`.
 *
 * Only rows a batch touched are updated ("lazy" Adam, as PyTorch's SparseAdam): an untouched row
 * keeps its moments, so a rare term is not dragged along by steps it took no part in. The second
 * moment is kept per row (the mean squared gradient entry), as row-wise AdaGrad does for large
 * embedding tables: per entry, its square root and division were the most expensive part of
 * training (a third more time per epoch, for no better held-out accuracy), and a row's gradient
 * is one vector, dBag scaled by the term's weight, so its entries share a scale anyway.
 */
export function adamRow(
  embedding: Float32Array,
  moments: Float32Array,
  rowMoments: Float32Array,
  row: number,
  dim: number,
  grad: Float64Array,
  gradAt: number,
  gradScale: number,
  gradSquares: number,
  step: AdamStep,
): void {
  const vRow = BETA2 * rowMoments[row]! + ((1 - BETA2) * gradScale * gradScale * gradSquares) / dim;
  rowMoments[row] = vRow;
  const rate = step.rate / (Math.sqrt(vRow) * step.invRootBc2 + EPSILON);
  const keep = 1 - step.shrink;
  const scaled = (1 - BETA1) * gradScale;
  const at = row * dim;
  for (let d = 0; d < dim; d++) {
    const mj = BETA1 * moments[at + d]! + scaled * grad[gradAt + d]!;
    moments[at + d] = mj;
    embedding[at + d] = keep * embedding[at + d]! - rate * mj;
  }
}
