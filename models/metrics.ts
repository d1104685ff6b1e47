/** Quality of predictions against true class indices, as scikit-learn's classification_report. */
export interface ClassMetrics {
  code: number;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  n: number;
  accuracy: number;
  weightedF1: number;
  macroF1: number;
  /** Expected calibration error of the top-class probability; present when probabilities were given. */
  ece?: number;
  perClass: ClassMetrics[];
  /** confusion[true][predicted], in the order of `codes`. */
  confusion: number[][];
}

export function computeMetrics(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  codes: readonly number[],
  probabilities?: Float64Array,
): Metrics {
  const C = codes.length;
  const n = truth.length;
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  let correct = 0;
  for (let i = 0; i < n; i++) {
    confusion[truth[i]!]![predicted[i]!]!++;
    if (truth[i] === predicted[i]) correct++;
  }
  const perClass: ClassMetrics[] = [];
  let weightedF1 = 0;
  let macroF1 = 0;
  let present = 0;
  for (let c = 0; c < C; c++) {
    const tp = confusion[c]![c]!;
    let predictedC = 0;
    let support = 0;
    for (let k = 0; k < C; k++) {
      predictedC += confusion[k]![c]!;
      support += confusion[c]![k]!;
    }
    const precision = predictedC > 0 ? tp / predictedC : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ code: codes[c]!, precision, recall, f1, support });
    weightedF1 += f1 * support;
    // As scikit-learn with labels taken from the data: classes absent from truth and predictions do not count.
    if (support > 0 || predictedC > 0) {
      macroF1 += f1;
      present++;
    }
  }
  const metrics: Metrics = {
    n,
    accuracy: n > 0 ? correct / n : 0,
    weightedF1: n > 0 ? weightedF1 / n : 0,
    macroF1: present > 0 ? macroF1 / present : 0,
    perClass,
    confusion,
  };
  if (probabilities) metrics.ece = expectedCalibrationError(probabilities, truth, C);
  return metrics;
}

/** One equal-width bin of the top-class probability; `meanConfidence` and `accuracy` are 0 when empty. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/**
 * The points of a reliability diagram: predictions grouped by how sure the model is of its top
 * class, with how often it is right in each group. Every bin is returned, empty ones included, so
 * bin b always covers [b / bins, (b + 1) / bins); a probability of exactly 1 goes in the last one.
 */
export function reliabilityBins(
  probabilities: Float64Array,
  truth: ArrayLike<number>,
  nClasses: number,
  bins = 15,
): ReliabilityBin[] {
  const count = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (let i = 0; i < truth.length; i++) {
    // Ties go to the lowest class index, as in argmaxRows.
    let best = 0;
    for (let c = 1; c < nClasses; c++) {
      if (probabilities[i * nClasses + c]! > probabilities[i * nClasses + best]!) best = c;
    }
    const p = probabilities[i * nClasses + best]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++;
    confidence[b]! += p;
    if (best === truth[i]) hits[b]!++;
  }
  return Array.from(count, (k, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: k,
    meanConfidence: k > 0 ? confidence[b]! / k : 0,
    accuracy: k > 0 ? hits[b]! / k : 0,
  }));
}

/**
 * ECE over equal-width confidence bins: the gap between how sure the model says it is and how
 * often it is right, weighted by how many predictions fall in each bin.
 */
export function expectedCalibrationError(
  probabilities: Float64Array,
  truth: ArrayLike<number>,
  nClasses: number,
  bins = 15,
): number {
  const n = truth.length;
  let ece = 0;
  for (const bin of reliabilityBins(probabilities, truth, nClasses, bins)) {
    if (bin.count === 0) continue;
    ece += (bin.count / n) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return ece;
}
