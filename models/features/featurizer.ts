import { FeaturizerFormatError } from '../errors';
import { TEXT_PROCESSING_VERSION } from '../text';
import type { FeatureParams } from './params';
import { charNgrams, extractTerms } from './terms';
import type { TermSink } from './terms';
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

/**
 * Turns a product's text into its TF-IDF row at serving time, from the serialised vocabulary.
 * Uses the same term extraction and row finishing as training, so the two cannot drift.
 */
export class Featurizer {
  readonly nFeatures: number;
  private readonly wordIndex: Map<string, number>;
  private readonly charIndex: Map<string, number>;
  private readonly tfScratch: Float64Array;
  private readonly seen: Int32Array;
  private touched = new Int32Array(256);
  private nTouched = 0;
  private readonly sink: TermSink;
  private readonly tokenCache = new Map<string, Int32Array>();

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
    this.sink = {
      word: (term, weight) => this.add(this.wordIndex.get(term), weight),
      charToken: (token, weight) => {
        const features = this.charFeaturesOf(token);
        for (let k = 0; k < features.length; k++) this.add(features[k], weight);
      },
    };
  }

  /** A token's character n-gram features, cached: serving sees the same words again and again. */
  private charFeaturesOf(token: string): Int32Array {
    let features = this.tokenCache.get(token);
    if (features === undefined) {
      const found: number[] = [];
      for (const gram of charNgrams(token, this.params)) {
        const f = this.charIndex.get(gram);
        if (f !== undefined) found.push(f);
      }
      features = Int32Array.from(found);
      // Bounded, so a stream of never-seen tokens cannot grow it without end.
      if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
      this.tokenCache.set(token, features);
    }
    return features;
  }

  private add(feature: number | undefined, weight: number): void {
    if (feature === undefined) return;
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
    extractTerms(designation, description, this.params, this.sink);
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
