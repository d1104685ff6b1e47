import type { LinearParams } from '../params';
import { createRng } from '../random';
import type { CsrMatrix } from '../sparse';
import type { Trainer } from './trainer';

export interface SvmHyper {
  /** Inverse regularisation strength, as LinearSVC's C. */
  C: number;
  /** Stop when the projected-gradient spread falls below this (LIBLINEAR's eps). */
  tolerance?: number;
  maxEpochs?: number;
  /**
   * Scale each class's features by their log-count ratio first (NBSVM, Wang & Manning 2012):
   * terms typical of the class weigh more in its classifier. The model stays linear in the
   * TF-IDF row, so it exports like any other.
   */
  logCountRatio?: boolean;
}

/**
 * Feature f's log-count ratio for class c: log((p_f / |p|) / (q_f / |q|)) with p and q the
 * number of rows in and out of the class that hold f, smoothed by 1.
 */
export function logCountRatio(
  x: CsrMatrix,
  y: Int32Array,
  c: number,
  out: Float64Array,
): Float64Array {
  const F = x.nCols;
  const inClass = new Float64Array(F).fill(1);
  out.fill(1);
  for (let i = 0; i < x.nRows; i++) {
    const target = y[i] === c ? inClass : out;
    for (let k = x.indptr[i]!; k < x.indptr[i + 1]!; k++) target[x.indices[k]!]!++;
  }
  let p = 0;
  let q = 0;
  for (let f = 0; f < F; f++) {
    p += inClass[f]!;
    q += out[f]!;
  }
  for (let f = 0; f < F; f++) out[f] = Math.log(inClass[f]! / p / (out[f]! / q));
  return out;
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

  // With the log-count ratio r, the solver works on rows x∘r but keeps u = w∘r instead of w:
  // then a margin is u·x on the unscaled row, an update adds d·x∘r² to u, and u is the final
  // weight vector. No scaled copy of the matrix is needed.
  const r2 = hyper.logCountRatio ? new Float64Array(F) : undefined;
  const qd = new Float64Array(n);
  const computeQd = () => {
    for (let i = 0; i < n; i++) {
      let s = 1; // the bias feature
      for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
        const v = values[k]!;
        s += r2 ? v * v * r2[indices[k]!]! : v * v;
      }
      qd[i] = s + diag;
    }
  };
  if (!r2) computeQd();

  const weights = new Float32Array(F * nClasses);
  const bias = new Float32Array(nClasses);
  const w = new Float64Array(F);
  const alpha = new Float64Array(n);
  const index = new Int32Array(n);
  const sign = new Int8Array(n);

  for (let c = 0; c < nClasses; c++) {
    if (r2) {
      logCountRatio(x, y, c, r2);
      for (let f = 0; f < F; f++) r2[f] = r2[f]! * r2[f]!;
      computeQd();
    }
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
          if (r2)
            for (let k = start; k < end; k++) w[indices[k]!]! += d * values[k]! * r2[indices[k]!]!;
          else for (let k = start; k < end; k++) w[indices[k]!]! += d * values[k]!;
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
