/** How text becomes features. Serialised with the vocabulary; changing a default changes models. */
export interface FeatureParams {
  /** Word n-gram range, within one field. */
  wordNgrams: [number, number];
  /** Character n-gram range, within word boundaries (each word padded with a space). */
  charNgrams: [number, number];
  /** Title terms count this many times over description terms. */
  titleWeight: number;
  /** Character n-grams come from the title and this many leading description tokens. */
  descriptionCharTokens: number;
  /** Description tokens beyond this are ignored, so a pasted catalogue page cannot drown the title. */
  descriptionMaxTokens: number;
  /** A term must occur in at least this many training rows. */
  minDf: number;
  /** Keep at most this many terms, the most frequent (by document frequency) first. */
  maxFeatures: number;
  /** Snowball-stem word tokens. */
  stem: boolean;
  /** Drop French stopwords before making n-grams. */
  removeStopwords: boolean;
}

export const DEFAULT_FEATURE_PARAMS: FeatureParams = {
  wordNgrams: [1, 2],
  charNgrams: [2, 5],
  titleWeight: 2,
  descriptionCharTokens: 40,
  descriptionMaxTokens: 300,
  minDf: 1,
  maxFeatures: 300_000,
  stem: false,
  removeStopwords: false,
};
