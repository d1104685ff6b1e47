/**
 * Compares a current profile with the reference one, feature by feature, on bins fixed by the
 * reference: a verdict per feature and overall, with what a report needs to plot it.
 */
import { DRIFT_PROFILE_VERSION } from './features';
import type {
  CategoricalFeatureProfile,
  ContinuousFeatureProfile,
  DriftProfile,
  FeatureName,
  FeatureProfile,
} from './features';
import { bandSeverity, maxSeverity, severityRank } from './severity';
import type { DriftSeverity } from './severity';
import { DEFAULT_DRIFT_THRESHOLDS } from './thresholds';
import type { DriftThresholds } from './thresholds';
import { chiSquaredHomogeneity, jsDistance, klDivergence, ksTest, psi, shares } from './statistics';

/** Continuous features are cut at the reference's deciles (ties merge bins). */
export const CONTINUOUS_BINS = 10;

export interface FeatureTest {
  /** Kolmogorov–Smirnov on the raw values for continuous features, chi-squared otherwise. */
  kind: 'ks' | 'chi2';
  /** D for KS, Pearson's X² for chi-squared. */
  statistic: number;
  pValue: number;
  /** Chi-squared only, after merging bins. */
  df: number | null;
  /** Chi-squared only: bins pooled because of small expected counts. */
  mergedBins: number;
}

export interface FeatureStatistics {
  /** PSI in nats over the plotted bins, counts smoothed by 0.5. */
  psi: number;
  /** Jensen–Shannon distance, base 2, over the plotted bins. */
  jsDistance: number;
  /** KL(current ‖ reference) in nats over the plotted bins, counts smoothed by 0.5. */
  klDivergence: number;
  test: FeatureTest;
}

/** Shares per bin on both sides, the same bins for both. */
export interface DriftPlot {
  bins: string[];
  reference: number[];
  current: number[];
}

export interface FeatureDrift {
  name: FeatureName;
  displayName: string;
  kind: 'continuous' | 'categorical';
  /** 'insufficient' when either side has fewer than `minSamples` samples: not judged. */
  status: 'ok' | 'insufficient';
  severity: DriftSeverity;
  reason: string;
  /** What one sample is, plural. */
  unit: string;
  samples: { reference: number; current: number };
  /** Null when insufficient. */
  statistics: FeatureStatistics | null;
  /** Whether the test's p is below the corrected alpha; null when insufficient. */
  significant: boolean | null;
  /** Null when neither side has any sample. */
  plot: DriftPlot | null;
}

export interface DriftResult {
  /** The most severe feature's. */
  severity: DriftSeverity;
  /** One line: the verdict and the drifted features, or why nothing was compared. */
  summary: string;
  /** Features at low severity or above, most severe first. */
  drifted: { feature: FeatureName; severity: DriftSeverity }[];
  /** Features judged (status 'ok'): the Bonferroni divisor. */
  comparedFeatures: number;
  /** alpha / comparedFeatures: the p-value a feature must go below. */
  featureAlpha: number;
  thresholds: DriftThresholds;
  reference: { texts: number; predictions: number };
  current: { texts: number; predictions: number };
  features: FeatureDrift[];
}

export class DriftProfileMismatchError extends Error {
  override name = 'DriftProfileMismatchError';
}

/** p-values for people: small ones in exponent form, never a bare 0. */
export function formatPValue(p: number): string {
  if (p === 0) return '< 1e-300';
  if (p < 0.001) return p.toExponential(1);
  return p.toFixed(3);
}

function checkComparable(reference: DriftProfile, current: DriftProfile): void {
  for (const profile of [reference, current]) {
    if (profile.profileVersion !== DRIFT_PROFILE_VERSION) {
      throw new DriftProfileMismatchError(
        `drift profile version ${profile.profileVersion} is not ${DRIFT_PROFILE_VERSION}: profile the sample again`,
      );
    }
  }
  // Tokens made another way, or counted over another vocabulary, would differ for that reason
  // alone; a cached reference profile must be rebuilt when the champion or tokenizer changes.
  const a = reference.tokenization;
  const b = current.tokenization;
  const keys = [
    'textProcessingVersion',
    'stem',
    'removeStopwords',
    'descriptionMaxTokens',
    'vocabularySize',
  ] as const;
  const differing = keys.filter((k) => a[k] !== b[k]);
  if (differing.length > 0) {
    throw new DriftProfileMismatchError(
      `profiles were tokenised differently (${differing.map((k) => `${k}: ${String(a[k])} vs ${String(b[k])}`).join(', ')})`,
    );
  }
  const sameBins =
    reference.tokenBins.length === current.tokenBins.length &&
    reference.tokenBins.every((t, i) => current.tokenBins[i] === t);
  if (!sameBins) {
    throw new DriftProfileMismatchError(
      "the current profile's token bins are not the reference's: profile the current sample with `tokenBins: reference.tokenBins`",
    );
  }
}

/** The smallest value whose cumulative count reaches each decile, without repeats. */
function quantileEdges(reference: ContinuousFeatureProfile, bins: number): number[] {
  const edges: number[] = [];
  let cumulative = 0;
  let q = 1;
  for (let i = 0; i < reference.values.length && q < bins; i++) {
    cumulative += reference.counts[i]!;
    while (q < bins && cumulative >= (q * reference.n) / bins) {
      if (edges[edges.length - 1] !== reference.values[i]) edges.push(reference.values[i]!);
      q++;
    }
  }
  return edges;
}

/** Counts per bin (−∞, e₀], (e₀, e₁], …, (eₖ, ∞). */
function binCounts(profile: ContinuousFeatureProfile, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  profile.values.forEach((v, i) => {
    while (bin < edges.length && v > edges[bin]!) bin++;
    counts[bin]! += profile.counts[i]!;
  });
  return counts;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(3)));
}

function intervalLabels(edges: readonly number[], integers: boolean): string[] {
  if (edges.length === 0) return ['all values'];
  const labels = [`≤ ${formatNumber(edges[0]!)}`];
  for (let i = 1; i < edges.length; i++) {
    const lo = edges[i - 1]!;
    const hi = edges[i]!;
    labels.push(
      integers
        ? lo + 1 === hi
          ? String(hi)
          : `${lo + 1}–${hi}`
        : `(${formatNumber(lo)}, ${formatNumber(hi)}]`,
    );
  }
  const last = edges[edges.length - 1]!;
  labels.push(integers ? `≥ ${last + 1}` : `> ${formatNumber(last)}`);
  return labels;
}

interface Binned {
  bins: string[];
  reference: number[];
  current: number[];
}

function binContinuous(
  reference: ContinuousFeatureProfile,
  current: ContinuousFeatureProfile,
): Binned {
  const edges = quantileEdges(reference, CONTINUOUS_BINS);
  const integers = [reference.values, current.values].every((vs) => vs.every(Number.isInteger));
  return {
    bins: intervalLabels(edges, integers),
    reference: binCounts(reference, edges),
    current: binCounts(current, edges),
  };
}

const isCode = (s: string) => /^-?\d+$/.test(s);

function binCategorical(
  reference: CategoricalFeatureProfile,
  current: CategoricalFeatureProfile,
): Binned {
  const currentCounts = new Map(current.categories.map((c, i) => [c, current.counts[i]!]));
  const referenceCounts = new Map(reference.categories.map((c, i) => [c, reference.counts[i]!]));
  const bins = [
    ...reference.categories,
    ...current.categories.filter((c) => !referenceCounts.has(c)),
  ];
  if (bins.every(isCode)) bins.sort((a, b) => Number(a) - Number(b));
  return {
    bins,
    reference: bins.map((c) => referenceCounts.get(c) ?? 0),
    current: bins.map((c) => currentCounts.get(c) ?? 0),
  };
}

function emptyLike(profile: FeatureProfile): FeatureProfile {
  return profile.kind === 'continuous'
    ? { ...profile, n: 0, values: [], counts: [] }
    : { ...profile, n: 0, categories: [], counts: [] };
}

function measure(
  reference: FeatureProfile,
  currentOrMissing: FeatureProfile | undefined,
  thresholds: DriftThresholds,
): FeatureDrift {
  const current =
    currentOrMissing && currentOrMissing.kind === reference.kind
      ? currentOrMissing
      : emptyLike(reference);
  const binned =
    reference.kind === 'continuous'
      ? binContinuous(reference, current as ContinuousFeatureProfile)
      : binCategorical(reference, current as CategoricalFeatureProfile);
  const base = {
    name: reference.name,
    displayName: reference.displayName,
    kind: reference.kind,
    unit: reference.unit,
    samples: { reference: reference.n, current: current.n },
    plot:
      reference.n + current.n > 0
        ? {
            bins: binned.bins,
            reference: shares(binned.reference),
            current: shares(binned.current),
          }
        : null,
  };
  const short = (
    [
      ['reference', reference.n],
      ['current', current.n],
    ] as const
  ).filter(([, n]) => n < thresholds.minSamples);
  if (short.length > 0) {
    const reason = short
      .map(([side, n]) =>
        n === 0
          ? `no ${reference.unit} in the ${side} sample`
          : `${n} ${reference.unit} in the ${side} sample`,
      )
      .join('; ');
    return {
      ...base,
      status: 'insufficient',
      severity: 'none',
      reason: `${reason} (at least ${thresholds.minSamples} needed): not compared`,
      statistics: null,
      significant: null,
    };
  }
  let test: FeatureTest;
  if (reference.kind === 'continuous') {
    const ks = ksTest(reference, current as ContinuousFeatureProfile);
    test = { kind: 'ks', statistic: ks.statistic, pValue: ks.pValue, df: null, mergedBins: 0 };
  } else {
    const chi = chiSquaredHomogeneity(binned.reference, binned.current);
    test = {
      kind: 'chi2',
      statistic: chi.statistic,
      pValue: chi.pValue,
      df: chi.df,
      mergedBins: chi.mergedBins,
    };
  }
  return {
    ...base,
    status: 'ok',
    // Judged below, once the number of compared features (the correction) is known.
    severity: 'none',
    reason: '',
    statistics: {
      psi: psi(binned.reference, binned.current),
      jsDistance: jsDistance(binned.reference, binned.current),
      klDivergence: klDivergence(binned.reference, binned.current),
      test,
    },
    significant: null,
  };
}

/**
 * DriftSeverity rule: a feature is drifted only when its test is significant, p < alpha / m over the
 * m compared features (Bonferroni), AND its effect reaches a band: the severity is the higher
 * of PSI's band and JS distance's band. Significance alone would flag trivial shifts of large
 * samples; effect size alone would flag the noise of small ones.
 */
function judge(drift: FeatureDrift, featureAlpha: number, thresholds: DriftThresholds): void {
  const stats = drift.statistics!;
  const testName = stats.test.kind === 'ks' ? 'KS' : 'χ²';
  const p = `${testName} p = ${formatPValue(stats.test.pValue)}`;
  const effect = maxSeverity(
    bandSeverity(stats.psi, thresholds.psi),
    bandSeverity(stats.jsDistance, thresholds.jsDistance),
  );
  const sizes = `PSI ${stats.psi.toFixed(3)}, JS ${stats.jsDistance.toFixed(3)}`;
  drift.significant = stats.test.pValue < featureAlpha;
  if (!drift.significant) {
    drift.severity = 'none';
    drift.reason = `no significant difference (${p} ≥ ${formatPValue(featureAlpha)}; ${sizes})`;
  } else if (effect === 'none') {
    drift.severity = 'none';
    drift.reason = `significant (${p}) but too small to matter (${sizes}, under the low bands)`;
  } else {
    drift.severity = effect;
    drift.reason = `significant (${p}) with a ${effect} effect (${sizes})`;
  }
}

/**
 * Compares `current` with `reference` feature by feature (see `judge` for the rule); the overall
 * severity is the worst feature's. Throws `DriftProfileMismatchError` for profiles that cannot
 * be compared (another format, tokenizer or vocabulary).
 */
export function compareProfiles(
  reference: DriftProfile,
  current: DriftProfile,
  thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS,
): DriftResult {
  checkComparable(reference, current);
  const byName = new Map(current.features.map((f) => [f.name, f]));
  const features = reference.features.map((f) => measure(f, byName.get(f.name), thresholds));
  const compared = features.filter((f) => f.status === 'ok');
  const featureAlpha = thresholds.alpha / Math.max(1, compared.length);
  for (const f of compared) judge(f, featureAlpha, thresholds);
  const severity = maxSeverity(...features.map((f) => f.severity));
  const drifted = features
    .filter((f) => f.severity !== 'none')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const summary =
    compared.length === 0
      ? 'no feature had enough samples on both sides to be compared'
      : drifted.length === 0
        ? `no drift in ${compared.length} compared feature${compared.length === 1 ? '' : 's'}`
        : `${severity} drift: ${drifted.map((f) => `${f.displayName} (${f.severity})`).join(', ')}`;
  return {
    severity,
    summary,
    drifted: drifted.map((f) => ({ feature: f.name, severity: f.severity })),
    comparedFeatures: compared.length,
    featureAlpha,
    thresholds,
    reference: { texts: reference.texts, predictions: reference.predictions },
    current: { texts: current.texts, predictions: current.predictions },
    features,
  };
}
