import type { LinearParams, MlpParams, ModelParams } from './params';
import type { CsrMatrix } from './sparse';
import { sparseRowTimesTable } from './sparse-dense';

/**
 * The reference forward pass, in float64 over float32 parameters: training, evaluation and the
 * ONNX parity check all score through here.
 */
export function logitsInto(
  params: ModelParams,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  start: number,
  end: number,
  out: Float64Array,
): void {
  if (params.kind === 'linear') linearLogits(params, indices, values, start, end, out);
  else mlpLogits(params, indices, values, start, end, out);
}

function linearLogits(
  p: LinearParams,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  start: number,
  end: number,
  out: Float64Array,
): void {
  sparseRowTimesTable(p.weights, p.nClasses, indices, values, start, end, out, 0);
  for (let c = 0; c < p.nClasses; c++) out[c]! += p.bias[c]!;
}

function mlpLogits(
  p: MlpParams,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  start: number,
  end: number,
  out: Float64Array,
): void {
  const D = p.embeddingDim;
  const H = p.hiddenDim;
  const C = p.nClasses;
  const bag = new Float64Array(D);
  sparseRowTimesTable(p.embedding, D, indices, values, start, end, bag, 0);
  const hidden = new Float64Array(H);
  for (let h = 0; h < H; h++) hidden[h] = p.hiddenBias[h]!;
  for (let d = 0; d < D; d++) {
    const x = bag[d]!;
    if (x === 0) continue;
    const base = d * H;
    for (let h = 0; h < H; h++) hidden[h]! += x * p.hiddenWeights[base + h]!;
  }
  for (let c = 0; c < C; c++) out[c] = p.outputBias[c]!;
  for (let h = 0; h < H; h++) {
    const x = hidden[h]! > 0 ? hidden[h]! : 0;
    if (x === 0) continue;
    const base = h * C;
    for (let c = 0; c < C; c++) out[c]! += x * p.outputWeights[base + c]!;
  }
}

/** In place: logits become softmax(logits / temperature). */
export function softmaxInPlace(
  scores: Float64Array,
  temperature = 1,
  offset = 0,
  n = scores.length,
): void {
  let max = -Infinity;
  for (let c = 0; c < n; c++) max = Math.max(max, scores[offset + c]! / temperature);
  let sum = 0;
  for (let c = 0; c < n; c++) {
    const e = Math.exp(scores[offset + c]! / temperature - max);
    scores[offset + c] = e;
    sum += e;
  }
  for (let c = 0; c < n; c++) scores[offset + c]! /= sum;
}

/** Logits of every row: [nRows × nClasses], row-major. */
export function logitsOf(params: ModelParams, m: CsrMatrix): Float64Array {
  const C = params.nClasses;
  const out = new Float64Array(m.nRows * C);
  const row = new Float64Array(C);
  for (let r = 0; r < m.nRows; r++) {
    logitsInto(params, m.indices, m.values, m.indptr[r]!, m.indptr[r + 1]!, row);
    out.set(row, r * C);
  }
  return out;
}

/** Probabilities of every row: [nRows × nClasses], row-major. */
export function probabilitiesOf(
  params: ModelParams,
  temperature: number,
  m: CsrMatrix,
): Float64Array {
  const out = logitsOf(params, m);
  for (let r = 0; r < m.nRows; r++)
    softmaxInPlace(out, temperature, r * params.nClasses, params.nClasses);
  return out;
}

/** Index of the largest value in each row of a row-major [nRows × nClasses] array. */
export function argmaxRows(scores: Float64Array, nClasses: number): Int32Array {
  const nRows = scores.length / nClasses;
  const out = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    let best = 0;
    for (let c = 1; c < nClasses; c++)
      if (scores[r * nClasses + c]! > scores[r * nClasses + best]!) best = c;
    out[r] = best;
  }
  return out;
}
