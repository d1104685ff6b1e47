import type { LinearParams } from '../params';
import { createRng } from '../random';
import type { Trainer } from './trainer';

export interface SvmHyper {
  /** Inverse regularisation strength, as LinearSVC's C. */
  C: number;
  /** Stop when the projected-gradient spread falls below this (LIBLINEAR's eps). */
  tolerance?: number;
  maxEpochs?: number;
}

/**
 * Linear SVM, one-vs-rest, L2-regularised squared hinge loss, solved in the dual by coordinate
 * descent with shrinking (Hsieh et al. 2008; LIBLINEAR's solver 1, what scikit-learn's LinearSVC
 * runs). The intercept is a constant feature of 1, regularised, as in LIBLINEAR.
 */
export const trainSvm: Trainer<SvmHyper> = (data, hyper, options) => {
  const { x, y, nClasses } = data;
  const n = x.nRows;
  const F = x.nCols;
  // Locals rather than property loads in the hot loops.
  const { indptr, indices, values } = x;
  const tolerance = hyper.tolerance ?? 0.1;
  const maxEpochs = hyper.maxEpochs ?? 200;
  const diag = 0.5 / hyper.C;
  const rng = createRng(options.seed);

  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 1; // the bias feature
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) s += values[k]! * values[k]!;
    qd[i] = s + diag;
  }

  const weights = new Float32Array(F * nClasses);
  const bias = new Float32Array(nClasses);
  // float32: half the cache footprint of the hot gather, and the precision a margin needs.
  const w = new Float64Array(F);
  const alpha = new Float64Array(n);
  const index = new Int32Array(n);
  const sign = new Int8Array(n);

  for (let c = 0; c < nClasses; c++) {
    w.fill(0);
    alpha.fill(0);
    let wb = 0;
    for (let i = 0; i < n; i++) {
      index[i] = i;
      sign[i] = y[i] === c ? 1 : -1;
    }
    let active = n;
    let maxOld = Infinity;
    for (let epoch = 0; epoch < maxEpochs; epoch++) {
      let maxPG = -Infinity;
      let minPG = Infinity;
      for (let j = 0; j < active; j++) {
        const t = j + rng.int(active - j);
        const swap = index[j]!;
        index[j] = index[t]!;
        index[t] = swap;
      }
      for (let s = 0; s < active; s++) {
        const i = index[s]!;
        const yi = sign[i]!;
        let dot = wb;
        const start = indptr[i]!;
        const end = indptr[i + 1]!;
        for (let k = start; k < end; k++) dot += w[indices[k]!]! * values[k]!;
        const a = alpha[i]!;
        const G = yi * dot - 1 + diag * a;
        let PG = 0;
        if (a === 0) {
          if (G > maxOld) {
            // Shrink: this point is well outside the margin and likely to stay at zero.
            active--;
            index[s] = index[active]!;
            index[active] = i;
            s--;
            continue;
          }
          if (G < 0) PG = G;
        } else {
          PG = G;
        }
        if (PG > maxPG) maxPG = PG;
        if (PG < minPG) minPG = PG;
        if (Math.abs(PG) > 1e-12) {
          const next = Math.max(a - G / qd[i]!, 0);
          const d = (next - a) * yi;
          alpha[i] = next;
          for (let k = start; k < end; k++) w[indices[k]!]! += d * values[k]!;
          wb += d;
        }
      }
      if (maxPG - minPG <= tolerance) {
        if (active === n) break;
        // Converged on the shrunk set: check once more on all points before stopping.
        active = n;
        maxOld = Infinity;
        continue;
      }
      // With no upper bound on alpha (squared hinge), only the lower-bound shrinking applies.
      maxOld = maxPG <= 0 ? Infinity : maxPG;
    }
    for (let f = 0; f < F; f++) weights[f * nClasses + c] = w[f]!;
    bias[c] = wb;
    options.onProgress?.((c + 1) / nClasses);
  }
  const params: LinearParams = { kind: 'linear', nFeatures: F, nClasses, weights, bias };
  return params;
};
