import { tokenize } from '../text';
import type { FeatureParams } from './params';

/**
 * Receives a product's kept tokens a field at a time, the title then the description: the
 * weight of the field's terms, and how many of its leading tokens give character n-grams.
 */
export interface FieldSink {
  field(tokens: readonly string[], weight: number, charTokens: number): void;
}

/**
 * Receives each term occurrence with its weight. Character n-grams arrive a whole token at a
 * time (expand them with `charNgrams`): tokens repeat far more than they vary, so a sink can
 * cache each token's n-grams instead of cutting and looking them up again.
 */
export interface TermSink {
  word(term: string, weight: number): void;
  charToken(token: string, weight: number): void;
}

/** As scikit-learn's char_wb: the n-grams of the token padded with one space on each side. */
export function charNgrams(token: string, params: FeatureParams): string[] {
  const padded = ` ${token} `;
  const len = padded.length;
  const out: string[] = [];
  const [cMin, cMax] = params.charNgrams;
  for (let n = cMin; n <= cMax; n++) {
    if (n > len) break;
    for (let s = 0; s + n <= len; s++) out.push(padded.substring(s, s + n));
  }
  return out;
}

/**
 * The one place where a product's text becomes weighted fields of tokens: training,
 * cross-validation and serving all go through it, so they cannot disagree.
 */
export function extractFields(
  designation: string,
  description: string | null | undefined,
  params: FeatureParams,
  sink: FieldSink,
): void {
  const options = { stem: params.stem, removeStopwords: params.removeStopwords };
  const titleTokens = tokenize(designation, options);
  sink.field(titleTokens, params.titleWeight, titleTokens.length);
  if (description) {
    const tokens = tokenize(description, options);
    const kept =
      tokens.length > params.descriptionMaxTokens
        ? tokens.slice(0, params.descriptionMaxTokens)
        : tokens;
    sink.field(kept, 1, params.descriptionCharTokens);
  }
}

/** `extractFields`, each field expanded into its terms by `emitTerms`. */
export function extractTerms(
  designation: string,
  description: string | null | undefined,
  params: FeatureParams,
  sink: TermSink,
): void {
  extractFields(designation, description, params, {
    field: (tokens, weight, charTokens) => emitTerms(tokens, weight, charTokens, params, sink),
  });
}

/**
 * A field's terms: its word n-grams, then its first `charTokens` tokens for character n-grams.
 * Word n-grams never cross a field boundary.
 */
export function emitTerms(
  tokens: readonly string[],
  weight: number,
  charTokens: number,
  params: FeatureParams,
  sink: TermSink,
): void {
  const [wMin, wMax] = params.wordNgrams;
  for (let i = 0; i < tokens.length; i++) {
    let gram = '';
    for (let n = 1; n <= wMax && i + n <= tokens.length; n++) {
      gram = n === 1 ? tokens[i]! : `${gram} ${tokens[i + n - 1]!}`;
      if (n >= wMin) sink.word(gram, weight);
    }
  }
  const limit = Math.min(tokens.length, charTokens);
  for (let i = 0; i < limit; i++) sink.charToken(tokens[i]!, weight);
}
