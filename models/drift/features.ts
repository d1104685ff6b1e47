/**
 * Turns a sample of products and predictions into per-feature distributions: a `DriftProfile`,
 * plain JSON so that the reference's can be cached and compared with many current samples.
 */
import type { FeatureParams } from '../features/params';
import { FRENCH_STOPWORDS, TEXT_PROCESSING_VERSION, tokenize } from '../text';
import { valueCounts } from './statistics';
import type { ValueCounts } from './statistics';

export interface DriftTextRow {
  designation: string;
  description: string | null;
  prdtypecode: number | null;
}

export interface DriftPredictionRow {
  predictedCode: number;
  confidence: number;
}

export interface DriftSample {
  texts: DriftTextRow[];
  predictions: DriftPredictionRow[];
}

export type FeatureName =
  | 'titleChars'
  | 'titleWords'
  | 'descriptionChars'
  | 'descriptionWords'
  | 'emptyDescription'
  | 'nonFrench'
  | 'tokens'
  | 'label'
  | 'predictedClass'
  | 'confidence';

interface FeatureBase {
  name: FeatureName;
  /** For people: the report's headings. */
  displayName: string;
  /** What one sample is, plural, for messages: "rows with a description". */
  unit: string;
  /** Samples (rows or predictions) that contributed. */
  n: number;
}

export interface ContinuousFeatureProfile extends FeatureBase, ValueCounts {
  kind: 'continuous';
}

export interface CategoricalFeatureProfile extends FeatureBase {
  kind: 'categorical';
  categories: string[];
  /**
   * Per category, summing to `n`: each sample adds 1, to its category or, for tokens, spread
   * over its occurrences of the bin tokens (a row with 4 of them adds 0.25 for each).
   */
  counts: number[];
}

export type FeatureProfile = ContinuousFeatureProfile | CategoricalFeatureProfile;

/** How the token feature was made; profiles made differently cannot be compared. */
export interface ProfileTokenization {
  textProcessingVersion: number;
  stem: boolean;
  removeStopwords: boolean;
  descriptionMaxTokens: number;
  vocabularySize: number;
}

export const DRIFT_PROFILE_VERSION = 1;

export interface DriftProfile {
  /** Format of this object, so that a stale cached profile is refused. */
  profileVersion: number;
  tokenization: ProfileTokenization;
  /** The tokens whose distribution is compared: pass them when profiling a current sample. */
  tokenBins: string[];
  texts: number;
  predictions: number;
  features: FeatureProfile[];
}

/**
 * Token bins of a reference profile: its 50 most frequent vocabulary tokens. Enough to see a
 * change of topic (a sample of 3 categories moves their distribution by PSI ≈ 0.9), few enough
 * that each bin holds counts on both sides and the plot stays readable.
 */
export const DEFAULT_TOKEN_BINS = 50;

export interface ProfileOptions {
  /** Unigram words of the champion's vocabulary; other tokens are not counted. */
  vocabulary: ReadonlySet<string>;
  /** The champion's feature parameters, so tokens are those the champion sees. */
  params: FeatureParams;
  /**
   * The reference profile's `tokenBins`, when profiling a current sample. Omitted for the
   * reference itself, whose `topTokens` most frequent vocabulary tokens become the bins.
   */
  tokenBins?: readonly string[];
  topTokens?: number;
}

// Markers of English and German, the languages other than French found in the catalogue. The
// stopwords-iso English list does not fit: its 1,298 entries include product words (`case`,
// `home`, `computer`, `big`) that French titles use. Words that are also French stopwords
// (`des`, `on`, `a`) are left out, as they tell nothing.
const FOREIGN_WORDS = [
  ...['the', 'and', 'with', 'for', 'of', 'to', 'is', 'are', 'was', 'were', 'this', 'that'],
  ...['these', 'those', 'your', 'you', 'it', 'its', 'from', 'by', 'be', 'been', 'can', 'will'],
  ...['has', 'have', 'our', 'we', 'an', 'at', 'which', 'into', 'not', 'when', 'what', 'who'],
  ...['how', 'would', 'should', 'there', 'their', 'they', 'than', 'then', 'also', 'only', 'any'],
  ...['all', 'each', 'more', 'most', 'other', 'such', 'very', 'about', 'after', 'before', 'over'],
  ...['der', 'die', 'das', 'und', 'mit', 'fur', 'ist', 'ein', 'eine', 'einer', 'einem', 'einen'],
  ...['von', 'zu', 'den', 'dem', 'nicht', 'auf', 'sich', 'im', 'aus', 'bei', 'oder', 'auch'],
  ...['wie', 'wird', 'sind', 'werden', 'kann', 'nur', 'noch', 'nach', 'uber'],
];
const FOREIGN_MARKERS: ReadonlySet<string> = new Set(
  FOREIGN_WORDS.filter((w) => !FRENCH_STOPWORDS.has(w)),
);
// The project's French stopwords without single letters (`a`, `i` are English too).
const FRENCH_MARKERS: ReadonlySet<string> = new Set(
  [...FRENCH_STOPWORDS].filter((w) => w.length > 1 && !FOREIGN_MARKERS.has(w)),
);

/** Below this many tokens a text is too short to judge and counts as French. */
export const LANGUAGE_MIN_TOKENS = 5;

/**
 * Whether a product's text (title and description tokens from `tokenize`, stopwords kept,
 * unstemmed) is not French: it has at least `LANGUAGE_MIN_TOKENS` tokens, at least 2 English or
 * German function words (`the`, `with`, `und`, …) and more than twice as many of them as French
 * stopwords. A heuristic, for a share that should stay stable rather than for any one product:
 * it catches English and German listings, misses other languages, and calls short texts French.
 */
export function isNonFrench(tokens: readonly string[]): boolean {
  if (tokens.length < LANGUAGE_MIN_TOKENS) return false;
  let foreign = 0;
  let french = 0;
  for (const t of tokens) {
    if (FOREIGN_MARKERS.has(t)) foreign++;
    else if (FRENCH_MARKERS.has(t)) french++;
  }
  return foreign >= 2 && foreign > 2 * french;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function continuous(
  name: FeatureName,
  displayName: string,
  unit: string,
  sample: number[],
): ContinuousFeatureProfile {
  return { name, displayName, unit, kind: 'continuous', n: sample.length, ...valueCounts(sample) };
}

function categorical(
  name: FeatureName,
  displayName: string,
  unit: string,
  categories: string[],
  counts: number[],
  n = counts.reduce((a, b) => a + b, 0),
): CategoricalFeatureProfile {
  return { name, displayName, unit, kind: 'categorical', categories, counts, n };
}

/** Category codes seen, in ascending order. */
function codeCategorical(
  name: FeatureName,
  displayName: string,
  unit: string,
  codes: number[],
): CategoricalFeatureProfile {
  const tally = new Map<number, number>();
  for (const c of codes) tally.set(c, (tally.get(c) ?? 0) + 1);
  const sorted = [...tally.keys()].sort((a, b) => a - b);
  return categorical(
    name,
    displayName,
    unit,
    sorted.map(String),
    sorted.map((c) => tally.get(c)!),
  );
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The `k` most frequent tokens over all rows, ties broken by the token. */
function topTokens(rows: readonly string[][], k: number): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const t of row) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.keys()]
    .sort((a, b) => counts.get(b)! - counts.get(a)! || byCodeUnits(a, b))
    .slice(0, k);
}

/**
 * The token feature. Each row holding bin tokens spreads a weight of 1 over its occurrences of
 * them; rows holding none are left out.
 *
 * Why not pooled occurrence counts: tokens of one product are far from independent draws, and a
 * 300-token description would weigh as 300 products. Spread this way, a row's share vector y lies
 * in the simplex, so Cov(y) ≼ diag(π) − ππᵀ and a chi-squared test taking the n rows for n
 * draws is conservative, never anticonservative (estimated design effects, Rao–Scott's first
 * order, proved anticonservative on real data, as the effects differ widely between bins).
 *
 * Why no bin for the rest of the vocabulary: the vocabulary is made from the champion's training
 * data, the reference, so every reference token is in it while new products bring unknown
 * tokens. The rest's share would drop for that reason alone, drift or not.
 */
function tokenFeature(
  rows: readonly string[][],
  bins: readonly string[],
): CategoricalFeatureProfile {
  const index = new Map(bins.map((t, k) => [t, k]));
  const counts = new Array<number>(bins.length).fill(0);
  let n = 0;
  const inRow = new Map<number, number>();
  for (const row of rows) {
    inRow.clear();
    let total = 0;
    for (const t of row) {
      const k = index.get(t);
      if (k === undefined) continue;
      inRow.set(k, (inRow.get(k) ?? 0) + 1);
      total++;
    }
    if (total === 0) continue;
    n++;
    for (const [k, c] of inRow) counts[k]! += c / total;
  }
  return categorical(
    'tokens',
    'Frequent tokens',
    'rows with a frequent token',
    [...bins],
    counts,
    n,
  );
}

/**
 * Profiles `sample`: for each feature its distribution, with nothing of the sample itself beyond
 * counts. Tokens come from the project's `tokenize`. Words are counted unstemmed with stopwords,
 * so counts do not depend on the champion; the token distribution uses the champion's own
 * options and, as its featurizer does, at most `descriptionMaxTokens` description tokens.
 * Description lengths are over the rows that have a description (one with at least one token);
 * their share is the `emptyDescription` feature.
 */
export function profileSample(sample: DriftSample, options: ProfileOptions): DriftProfile {
  const { vocabulary, params } = options;
  const plain = { stem: false, removeStopwords: false };
  const model = { stem: params.stem, removeStopwords: params.removeStopwords };
  const sameOptions = !params.stem && !params.removeStopwords;

  const titleChars: number[] = [];
  const titleWords: number[] = [];
  const descriptionChars: number[] = [];
  const descriptionWords: number[] = [];
  let empty = 0;
  let nonFrench = 0;
  const labels: number[] = [];
  // Each row's vocabulary tokens, as the champion sees them.
  const rowTokens: string[][] = [];

  for (const row of sample.texts) {
    const title = tokenize(row.designation, plain);
    const description = row.description ? tokenize(row.description, plain) : [];
    titleChars.push(codePoints(row.designation.trim()));
    titleWords.push(title.length);
    if (description.length === 0) empty++;
    else {
      descriptionChars.push(codePoints(row.description!.trim()));
      descriptionWords.push(description.length);
    }
    if (isNonFrench(title.concat(description))) nonFrench++;
    if (row.prdtypecode !== null) labels.push(row.prdtypecode);

    const modelTitle = sameOptions ? title : tokenize(row.designation, model);
    const modelDescription =
      sameOptions || !row.description ? description : tokenize(row.description, model);
    const kept = modelTitle.concat(modelDescription.slice(0, params.descriptionMaxTokens));
    rowTokens.push(kept.filter((t) => vocabulary.has(t)));
  }

  const tokenBins = options.tokenBins
    ? [...options.tokenBins]
    : topTokens(rowTokens, options.topTokens ?? DEFAULT_TOKEN_BINS);
  const texts = sample.texts.length;
  return {
    profileVersion: DRIFT_PROFILE_VERSION,
    tokenization: {
      textProcessingVersion: TEXT_PROCESSING_VERSION,
      stem: params.stem,
      removeStopwords: params.removeStopwords,
      descriptionMaxTokens: params.descriptionMaxTokens,
      vocabularySize: vocabulary.size,
    },
    tokenBins,
    texts,
    predictions: sample.predictions.length,
    features: [
      continuous('titleChars', 'Title length (characters)', 'rows', titleChars),
      continuous('titleWords', 'Title length (words)', 'rows', titleWords),
      continuous(
        'descriptionChars',
        'Description length (characters)',
        'rows with a description',
        descriptionChars,
      ),
      continuous(
        'descriptionWords',
        'Description length (words)',
        'rows with a description',
        descriptionWords,
      ),
      categorical(
        'emptyDescription',
        'Empty descriptions',
        'rows',
        ['has description', 'empty'],
        [texts - empty, empty],
      ),
      categorical(
        'nonFrench',
        'Non-French text',
        'rows',
        ['french', 'not french'],
        [texts - nonFrench, nonFrench],
      ),
      tokenFeature(rowTokens, tokenBins),
      codeCategorical('label', 'Labels (prdtypecode)', 'labelled rows', labels),
      codeCategorical(
        'predictedClass',
        'Predicted class',
        'predictions',
        sample.predictions.map((p) => p.predictedCode),
      ),
      continuous(
        'confidence',
        'Prediction confidence',
        'predictions',
        // A NaN would break the ordering the KS test and the quantile bins rely on.
        sample.predictions.map((p) => p.confidence).filter(Number.isFinite),
      ),
    ],
  };
}
