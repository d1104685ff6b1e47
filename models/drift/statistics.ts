/**
 * Distances and two-sample tests between a reference and a current sample. Every function takes
 * the reference first. Count vectors are aligned bin by bin and may hold non-integers (a row's
 * weight spread over its tokens, see `features.ts`).
 */

/**
 * Added to every bin count before taking shares for PSI and KL (the Jeffreys / Haldane
 * correction): an empty bin on one side would otherwise make the logarithm infinite, and 0.5
 * fades as counts grow, unlike an epsilon floor whose effect does not depend on the sample size.
 */
export const SMOOTHING_PSEUDO_COUNT = 0.5;

function checkAligned(reference: readonly number[], current: readonly number[]): void {
  if (reference.length !== current.length) {
    throw new RangeError(`bin counts differ in length: ${reference.length} vs ${current.length}`);
  }
  if (reference.length === 0) throw new RangeError('no bins');
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Shares of each bin after adding `SMOOTHING_PSEUDO_COUNT` to every count. */
export function smoothedShares(counts: readonly number[]): number[] {
  const total = sum(counts) + SMOOTHING_PSEUDO_COUNT * counts.length;
  return counts.map((c) => (c + SMOOTHING_PSEUDO_COUNT) / total);
}

/** Shares of each bin, unsmoothed; all zero when the counts are. */
export function shares(counts: readonly number[]): number[] {
  const total = sum(counts);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** Population stability index, Σ (c − r) ln(c / r) over smoothed shares, in nats. */
export function psi(reference: readonly number[], current: readonly number[]): number {
  checkAligned(reference, current);
  const r = smoothedShares(reference);
  const c = smoothedShares(current);
  let total = 0;
  for (let i = 0; i < r.length; i++) total += (c[i]! - r[i]!) * Math.log(c[i]! / r[i]!);
  return total;
}

/** KL(current ‖ reference) = Σ c ln(c / r) over smoothed shares, in nats; ≥ 0. */
export function klDivergence(reference: readonly number[], current: readonly number[]): number {
  checkAligned(reference, current);
  const r = smoothedShares(reference);
  const c = smoothedShares(current);
  let total = 0;
  for (let i = 0; i < r.length; i++) total += c[i]! * Math.log(c[i]! / r[i]!);
  // Rounding can leave a hair below zero for identical shares.
  return Math.max(0, total);
}

/**
 * Jensen–Shannon distance: the square root of the JS divergence ½KL(p‖m) + ½KL(q‖m), m = (p+q)/2,
 * in bits, so it lies in [0, 1]. Unsmoothed: m is positive wherever p or q is, so it is finite.
 * 0 when either side has no counts, for want of a distribution to compare.
 */
export function jsDistance(reference: readonly number[], current: readonly number[]): number {
  checkAligned(reference, current);
  if (sum(reference) <= 0 || sum(current) <= 0) return 0;
  const p = shares(reference);
  const q = shares(current);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i]! + q[i]!) / 2;
    if (p[i]! > 0) divergence += 0.5 * p[i]! * Math.log2(p[i]! / m);
    if (q[i]! > 0) divergence += 0.5 * q[i]! * Math.log2(q[i]! / m);
  }
  return Math.sqrt(Math.min(1, Math.max(0, divergence)));
}

/** A sample of numbers as its distinct values, ascending, and how often each occurs. */
export interface ValueCounts {
  values: number[];
  counts: number[];
}

export function valueCounts(sample: readonly number[]): ValueCounts {
  const sorted = [...sample].sort((a, b) => a - b);
  const values: number[] = [];
  const counts: number[] = [];
  for (const v of sorted) {
    if (values.length > 0 && values[values.length - 1] === v) counts[counts.length - 1]!++;
    else {
      values.push(v);
      counts.push(1);
    }
  }
  return { values, counts };
}

export interface TestResult {
  statistic: number;
  pValue: number;
}

/**
 * Survival function of the Kolmogorov distribution, P(K > λ). Above 1.18 the alternating series
 * 2 Σ (−1)^(j−1) exp(−2j²λ²) converges in a few terms; below it, the series for the CDF,
 * (√(2π)/λ) Σ exp(−(2j−1)²π²/(8λ²)), does.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    const factor = -(Math.PI * Math.PI) / (8 * lambda * lambda);
    let cdf = 0;
    for (let j = 1; j <= 100; j++) {
      const term = Math.exp(factor * (2 * j - 1) * (2 * j - 1));
      cdf += term;
      if (term < 1e-17 * cdf) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf));
  }
  let total = 0;
  let sign = 1;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    total += sign * term;
    if (term < 1e-17 * Math.abs(total)) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * total));
}

/**
 * Two-sample Kolmogorov–Smirnov test: D = sup |F_ref − F_cur| over the empirical CDFs (ties on
 * both sides stepped together), p = Q_KS((√nₑ + 0.12 + 0.11/√nₑ) D) with nₑ = n₁n₂/(n₁+n₂)
 * (Stephens' effective-n correction, as in Numerical Recipes). With ties the test is
 * conservative. p is 1 when either side is empty.
 */
export function ksTest(reference: ValueCounts, current: ValueCounts): TestResult {
  const n1 = sum(reference.counts);
  const n2 = sum(current.counts);
  if (n1 <= 0 || n2 <= 0) return { statistic: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let f1 = 0;
  let f2 = 0;
  let d = 0;
  while (i < reference.values.length || j < current.values.length) {
    const a = i < reference.values.length ? reference.values[i]! : Infinity;
    const b = j < current.values.length ? current.values[j]! : Infinity;
    const x = Math.min(a, b);
    if (a === x) f1 += reference.counts[i++]! / n1;
    if (b === x) f2 += current.counts[j++]! / n2;
    d = Math.max(d, Math.abs(f1 - f2));
  }
  const ne = (n1 * n2) / (n1 + n2);
  const root = Math.sqrt(ne);
  return { statistic: d, pValue: kolmogorovSurvival((root + 0.12 + 0.11 / root) * d) };
}

// Lanczos approximation (g = 7, 9 terms): relative error below 1e-15 for positive x.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let k = 1; k < 9; k++) a += LANCZOS[k]! / (z + k);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const GAMMA_EPS = 1e-15;
const GAMMA_MAX_ITERATIONS = 10_000;

/** P(a, x) by its power series; converges quickly for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let total = term;
  for (let n = 1; n < GAMMA_MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    total += term;
    if (Math.abs(term) < Math.abs(total) * GAMMA_EPS) break;
  }
  return total * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz); converges quickly for x ≥ a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < GAMMA_MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < GAMMA_EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gamma shape must be positive, got ${a}`);
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gamma shape must be positive, got ${a}`);
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** P(X > x) for X chi-squared with `df` degrees of freedom; 1 when df is 0. */
export function chiSquaredSurvival(x: number, df: number): number {
  if (df <= 0) return 1;
  return Math.min(1, Math.max(0, regularizedGammaQ(df / 2, x / 2)));
}

export interface ChiSquaredResult extends TestResult {
  /** Degrees of freedom after merging: columns − 1. */
  df: number;
  /** How many of the original bins were pooled into one. */
  mergedBins: number;
}

/**
 * Pearson's chi-squared test of homogeneity on the 2 × k table (reference, current) × bins,
 * without Yates' continuity correction (scipy's `chi2_contingency` applies it to 2 × 2 tables by
 * default; pass `correction=False` to compare).
 *
 * Merging rule: a bin's smaller expected count is min(n₁, n₂) × (its total) / N. The bins whose
 * smaller expected count is under `minExpected` (Cochran's 5) are pooled into one, smallest
 * first; while that pool is itself under `minExpected`, the next smallest bin joins it. Empty
 * bins carry no information and are pooled too. With one column left the test has no degrees
 * of freedom and p is 1, as it is when either side is empty.
 */
export function chiSquaredHomogeneity(
  reference: readonly number[],
  current: readonly number[],
  minExpected = 5,
): ChiSquaredResult {
  checkAligned(reference, current);
  const n1 = sum(reference);
  const n2 = sum(current);
  const total = n1 + n2;
  if (n1 <= 0 || n2 <= 0) return { statistic: 0, pValue: 1, df: 0, mergedBins: 0 };
  const smaller = Math.min(n1, n2);
  const expectedOf = (columnTotal: number) => (smaller * columnTotal) / total;
  const order = reference
    .map((_, k) => k)
    .sort((a, b) => reference[a]! + current[a]! - (reference[b]! + current[b]!) || a - b);
  const columns: [number, number][] = [];
  let pool: [number, number] = [0, 0];
  let pooled = 0;
  let k = 0;
  for (; k < order.length; k++) {
    const col = order[k]!;
    const colTotal = reference[col]! + current[col]!;
    const poolTooSmall = pooled > 0 && expectedOf(pool[0] + pool[1]) < minExpected;
    if (expectedOf(colTotal) >= minExpected && !poolTooSmall) break;
    pool = [pool[0] + reference[col]!, pool[1] + current[col]!];
    pooled++;
  }
  if (pooled > 0) columns.push(pool);
  for (; k < order.length; k++) columns.push([reference[order[k]!]!, current[order[k]!]!]);
  const df = columns.length - 1;
  if (df < 1) return { statistic: 0, pValue: 1, df: 0, mergedBins: pooled };
  let statistic = 0;
  for (const [r, c] of columns) {
    const colTotal = r + c;
    const e1 = (n1 * colTotal) / total;
    const e2 = (n2 * colTotal) / total;
    statistic += ((r - e1) * (r - e1)) / e1 + ((c - e2) * (c - e2)) / e2;
  }
  return {
    statistic,
    pValue: chiSquaredSurvival(statistic, df),
    df,
    mergedBins: pooled > 1 ? pooled : 0,
  };
}
