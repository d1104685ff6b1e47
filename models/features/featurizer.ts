import { FeaturizerFormatError } from '../errors';
import { TEXT_PROCESSING_VERSION } from '../text';
import type { FeatureParams } from './params';
import { PairIndex } from './pair-index';
import { charNgrams, emitTerms, extractFields } from './terms';
import type { FieldSink, TermSink } from './terms';
import { finishRow } from './vocabulary';
import type { Vocabulary } from './vocabulary';

const TOKEN_CACHE_SIZE = 100_000;

/** Bump when the meaning of a serialised featurizer changes. */
export const FEATURIZER_FORMAT_VERSION = 1;

export interface FeaturizerJson {
  format: 'rakuten-featurizer';
  formatVersion: number;
  textProcessingVersion: number;
  params: FeatureParams;
  words: string[];
  chars: string[];
  idf: number[];
}

export interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
}

/** What the featurizer knows of a token, worked out once and cached. */
interface TokenEntry {
  /** Its unigram feature, or -1. */
  word: number;
  /** Its id among the tokens of the vocabulary's bigrams, or -1 if it is in none. */
  part: number;
  /** Its character n-gram features; null until a field asks for them. */
  chars: Int32Array | null;
}

/**
 * Turns a product's text into its TF-IDF row at serving time, from the serialised vocabulary.
 * Uses the same tokens (`extractFields`) and row finishing as training, so the two cannot drift.
 *
 * Serving sees the same tokens again and again, so each token is looked up once in a cache of
 * `TokenEntry`s; a bigram is then found from its two token ids in a `PairIndex`, without the
 * string `a b` ever being built. For word n-grams longer than two, terms are spelt out as in
 * training (`emitTerms`).
 */
export class Featurizer {
  readonly nFeatures: number;
  private readonly wordIndex: Map<string, number>;
  private readonly charIndex: Map<string, number>;
  private readonly partIndex = new Map<string, number>();
  private readonly bigrams: PairIndex;
  private readonly byToken: boolean;
  private readonly tfScratch: Float64Array;
  private readonly seen: Int32Array;
  private touched = new Int32Array(256);
  private nTouched = 0;
  private readonly tokenCache = new Map<string, TokenEntry>();
  private readonly fieldSink: FieldSink;

  constructor(
    readonly params: FeatureParams,
    readonly vocabulary: Vocabulary,
  ) {
    this.nFeatures = vocabulary.idf.length;
    this.wordIndex = new Map(vocabulary.words.map((term, i) => [term, i]));
    const offset = vocabulary.words.length;
    this.charIndex = new Map(vocabulary.chars.map((term, i) => [term, offset + i]));
    this.tfScratch = new Float64Array(this.nFeatures);
    this.seen = new Int32Array(this.nFeatures).fill(-1);
    this.byToken = params.wordNgrams[1] <= 2;
    this.bigrams = new PairIndex(this.byToken ? vocabulary.words.length : 0);
    if (this.byToken) this.indexBigrams();
    const termSink: TermSink = {
      word: (term, weight) => this.add(this.wordIndex.get(term) ?? -1, weight),
      charToken: (token, weight) => this.addAll(this.charFeaturesOf(token), weight),
    };
    this.fieldSink = {
      field: this.byToken
        ? (tokens, weight, charTokens) => this.addField(tokens, weight, charTokens)
        : (tokens, weight, charTokens) => emitTerms(tokens, weight, charTokens, params, termSink),
    };
  }

  private indexBigrams(): void {
    const { words } = this.vocabulary;
    const partOf = (token: string) => {
      let id = this.partIndex.get(token);
      if (id === undefined) {
        id = this.partIndex.size;
        this.partIndex.set(token, id);
      }
      return id;
    };
    for (let f = 0; f < words.length; f++) {
      const term = words[f]!;
      const space = term.indexOf(' ');
      // Tokens hold no spaces, so a word term with one space is a bigram.
      if (space >= 0)
        this.bigrams.set(partOf(term.slice(0, space)), partOf(term.slice(space + 1)), f);
    }
  }

  /** As `emitTerms` for word n-grams of at most two tokens, in the same order per feature. */
  private addField(tokens: readonly string[], weight: number, charTokens: number): void {
    const unigrams = this.params.wordNgrams[0] <= 1;
    const bigrams = this.params.wordNgrams[1] >= 2;
    let previous = -1;
    for (let i = 0; i < tokens.length; i++) {
      const entry = this.entryOf(tokens[i]!);
      if (unigrams) this.add(entry.word, weight);
      if (bigrams && previous >= 0 && entry.part >= 0)
        this.add(this.bigrams.get(previous, entry.part), weight);
      previous = entry.part;
      if (i < charTokens) this.addAll((entry.chars ??= this.charFeaturesOf(tokens[i]!)), weight);
    }
  }

  private entryOf(token: string): TokenEntry {
    let entry = this.tokenCache.get(token);
    if (entry === undefined) {
      entry = {
        word: this.wordIndex.get(token) ?? -1,
        part: this.partIndex.get(token) ?? -1,
        chars: null,
      };
      // Bounded, so a stream of never-seen tokens cannot grow it without end.
      if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
      this.tokenCache.set(token, entry);
    }
    return entry;
  }

  private charFeaturesOf(token: string): Int32Array {
    const found: number[] = [];
    for (const gram of charNgrams(token, this.params)) {
      const f = this.charIndex.get(gram);
      if (f !== undefined) found.push(f);
    }
    return Int32Array.from(found);
  }

  private addAll(features: Int32Array, weight: number): void {
    for (let k = 0; k < features.length; k++) this.add(features[k]!, weight);
  }

  private add(feature: number, weight: number): void {
    if (feature < 0) return;
    if (this.seen[feature] === -1) {
      if (this.nTouched === this.touched.length) {
        const next = new Int32Array(this.touched.length * 2);
        next.set(this.touched);
        this.touched = next;
      }
      this.seen[feature] = this.nTouched;
      this.touched[this.nTouched++] = feature;
      this.tfScratch[feature] = 0;
    }
    this.tfScratch[feature]! += weight;
  }

  transform(designation: string, description?: string | null): SparseRow {
    this.nTouched = 0;
    extractFields(designation, description, this.params, this.fieldSink);
    const n = this.nTouched;
    const indices = new Int32Array(n);
    const values = new Float32Array(n);
    finishRow(this.touched, n, this.tfScratch, this.vocabulary, indices, values, 0);
    for (let i = 0; i < n; i++) this.seen[indices[i]!] = -1;
    return { indices, values };
  }

  toJSON(): FeaturizerJson {
    return {
      format: 'rakuten-featurizer',
      formatVersion: FEATURIZER_FORMAT_VERSION,
      textProcessingVersion: TEXT_PROCESSING_VERSION,
      params: this.params,
      words: this.vocabulary.words,
      chars: this.vocabulary.chars,
      idf: Array.from(this.vocabulary.idf),
    };
  }

  static fromJSON(json: FeaturizerJson): Featurizer {
    if (json.format !== 'rakuten-featurizer' || json.formatVersion !== FEATURIZER_FORMAT_VERSION) {
      throw new FeaturizerFormatError(
        `featurizer format ${json.format} v${json.formatVersion} is not supported (expected rakuten-featurizer v${FEATURIZER_FORMAT_VERSION})`,
      );
    }
    if (json.textProcessingVersion !== TEXT_PROCESSING_VERSION) {
      throw new FeaturizerFormatError(
        `featurizer was built with text processing v${json.textProcessingVersion}, this code has v${TEXT_PROCESSING_VERSION}; retrain the model`,
      );
    }
    if (json.idf.length !== json.words.length + json.chars.length) {
      throw new FeaturizerFormatError('featurizer idf and vocabulary lengths differ');
    }
    return new Featurizer(json.params, {
      words: json.words,
      chars: json.chars,
      idf: Float32Array.from(json.idf),
    });
  }
}
