import type { LinearParams } from '../params';
import type { Trainer } from './trainer';

export interface ComplementNbHyper {
  /** Additive (Laplace/Lidstone) smoothing. */
  alpha: number;
  /** Normalise each class's weights, as Rennie et al. suggest for skewed data. */
  norm?: boolean;
}

/**
 * Complement Naive Bayes (Rennie et al. 2003, as scikit-learn's ComplementNB): each class is
 * scored against the term statistics of all the other classes, which copes with imbalanced
 * classes better than multinomial NB. Its scores are linear in the features.
 */
export const trainComplementNb: Trainer<ComplementNbHyper> = (data, hyper, options) => {
  const { x, y, nClasses } = data;
  const F = x.nCols;
  const featureCount = new Float64Array(F * nClasses);
  for (let i = 0; i < x.nRows; i++) {
    const c = y[i]!;
    for (let k = x.indptr[i]!; k < x.indptr[i + 1]!; k++)
      featureCount[x.indices[k]! * nClasses + c]! += x.values[k]!;
  }
  const total = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    let s = 0;
    for (let c = 0; c < nClasses; c++) s += featureCount[f * nClasses + c]!;
    total[f] = s;
  }
  const complementSum = new Float64Array(nClasses);
  for (let f = 0; f < F; f++) {
    for (let c = 0; c < nClasses; c++)
      complementSum[c]! += total[f]! - featureCount[f * nClasses + c]! + hyper.alpha;
  }
  const weights = new Float32Array(F * nClasses);
  const logged = new Float64Array(F * nClasses);
  const norms = new Float64Array(nClasses);
  for (let f = 0; f < F; f++) {
    for (let c = 0; c < nClasses; c++) {
      const comp = total[f]! - featureCount[f * nClasses + c]! + hyper.alpha;
      const l = Math.log(comp / complementSum[c]!);
      logged[f * nClasses + c] = l;
      norms[c]! += l;
    }
  }
  for (let f = 0; f < F; f++) {
    for (let c = 0; c < nClasses; c++) {
      const l = logged[f * nClasses + c]!;
      // A term frequent in the other classes argues against this one.
      weights[f * nClasses + c] = hyper.norm ? l / norms[c]! : -l;
    }
  }
  options.onProgress?.(1);
  const params: LinearParams = {
    kind: 'linear',
    nFeatures: F,
    nClasses,
    weights,
    bias: new Float32Array(nClasses),
  };
  return params;
};
