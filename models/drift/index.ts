export {
  CONTINUOUS_BINS,
  DriftProfileMismatchError,
  compareProfiles,
  formatPValue,
} from './compare';
export type {
  DriftPlot,
  DriftResult,
  FeatureDrift,
  FeatureStatistics,
  FeatureTest,
} from './compare';
export {
  DEFAULT_TOKEN_BINS,
  DRIFT_PROFILE_VERSION,
  LANGUAGE_MIN_TOKENS,
  isNonFrench,
  profileSample,
} from './features';
export type {
  CategoricalFeatureProfile,
  ContinuousFeatureProfile,
  DriftPredictionRow,
  DriftProfile,
  DriftSample,
  DriftTextRow,
  FeatureName,
  FeatureProfile,
  ProfileOptions,
  ProfileTokenization,
} from './features';
export { renderDriftReport } from './report-html';
export type { DriftReportInput } from './report-html';
export {
  DRIFT_SEVERITIES,
  bandSeverity,
  driftSeveritySchema,
  maxSeverity,
  severityRank,
} from './severity';
export type { DriftSeverity, SeverityBands } from './severity';
export {
  DEFAULT_DRIFT_THRESHOLDS,
  driftThresholdOverridesSchema,
  driftThresholdsSchema,
  resolveDriftThresholds,
} from './thresholds';
export type { DriftThresholdOverrides, DriftThresholds } from './thresholds';
export {
  SMOOTHING_PSEUDO_COUNT,
  chiSquaredHomogeneity,
  chiSquaredSurvival,
  jsDistance,
  klDivergence,
  kolmogorovSurvival,
  ksTest,
  logGamma,
  psi,
  regularizedGammaP,
  regularizedGammaQ,
  shares,
  smoothedShares,
  valueCounts,
} from './statistics';
export type { ChiSquaredResult, TestResult, ValueCounts } from './statistics';
