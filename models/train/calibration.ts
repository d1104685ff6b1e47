import { softmaxInPlace } from '../score';

/** Mean negative log-likelihood of the true classes under softmax(logits / temperature). */
export function meanNll(
  logits: Float64Array,
  truth: ArrayLike<number>,
  nClasses: number,
  temperature: number,
): number {
  const row = new Float64Array(nClasses);
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    row.set(logits.subarray(i * nClasses, (i + 1) * nClasses));
    softmaxInPlace(row, temperature);
    total -= Math.log(Math.max(row[truth[i]!]!, 1e-12));
  }
  return total / truth.length;
}

/**
 * Temperature scaling (Guo et al. 2017): the one scalar T that makes softmax(logits / T) best
 * calibrated on held-out rows. It never changes the top class, only how sure the model says it
 * is. A golden-section search over log T is exact enough and deterministic.
 */
export function fitTemperature(
  logits: Float64Array,
  truth: ArrayLike<number>,
  nClasses: number,
): number {
  const f = (logT: number) => meanNll(logits, truth, nClasses, Math.exp(logT));
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
