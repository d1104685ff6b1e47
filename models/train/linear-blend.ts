import type { LinearParams } from '../params';

/** One member of a blend: its out-of-fold logits and the weight its logits get. */
export interface BlendMember {
  oofLogits: Float64Array;
  weight: number;
}

/** Σ weightᵢ · logitsᵢ, row by row. */
export function blendLogits(members: BlendMember[]): Float64Array {
  const out = new Float64Array(members[0]!.oofLogits.length);
  for (const { oofLogits, weight } of members) {
    for (let i = 0; i < out.length; i++) out[i]! += weight * oofLogits[i]!;
  }
  return out;
}

/**
 * A blend of linear models is itself linear: the weighted sum of their weights and biases. So a
 * blend of the SVM and logistic regression exports and serves exactly as a single linear model.
 */
export function blendLinear(members: { params: LinearParams; weight: number }[]): LinearParams {
  const first = members[0]!.params;
  const weights = new Float32Array(first.weights.length);
  const bias = new Float32Array(first.bias.length);
  const w64 = new Float64Array(first.weights.length);
  const b64 = new Float64Array(first.bias.length);
  for (const { params, weight } of members) {
    for (let i = 0; i < w64.length; i++) w64[i]! += weight * params.weights[i]!;
    for (let c = 0; c < b64.length; c++) b64[c]! += weight * params.bias[c]!;
  }
  weights.set(w64);
  bias.set(b64);
  return { kind: 'linear', nFeatures: first.nFeatures, nClasses: first.nClasses, weights, bias };
}
