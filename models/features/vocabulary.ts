import type { CsrArena } from '../csr-arena';
import { allocateCsr } from '../sparse';
import type { CsrMatrix } from '../sparse';
import type { TermCorpus } from './corpus';

/** The fitted terms: words then character n-grams, each sorted, and their inverse document frequencies. */
export interface Vocabulary {
  words: string[];
  chars: string[];
  /** [words.length + chars.length], in feature order. */
  idf: Float32Array;
}

export interface FittedVocabulary {
  vocabulary: Vocabulary;
  /** Corpus term id → feature index, or -1 for a term left out. */
  featureOf: Int32Array;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Fits the vocabulary on `rows` of the corpus as scikit-learn's TfidfVectorizer would: min-df,
 * a cap keeping the most frequent terms (ties broken by the term, so the result is
 * deterministic), and smooth idf = ln((1 + n) / (1 + df)) + 1.
 */
export function fitVocabulary(corpus: TermCorpus, rows: ArrayLike<number>): FittedVocabulary {
  const { minDf, maxFeatures } = corpus.params;
  const df = new Int32Array(corpus.terms.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let k = corpus.rowPtr[r]!; k < corpus.rowPtr[r + 1]!; k++) df[corpus.termIds[k]!]!++;
  }
  let kept: number[] = [];
  for (let id = 0; id < df.length; id++) if (df[id]! >= minDf) kept.push(id);
  if (kept.length > maxFeatures) {
    kept.sort(
      (a, b) =>
        df[b]! - df[a]! ||
        corpus.isChar[a]! - corpus.isChar[b]! ||
        byCodeUnits(corpus.terms[a]!, corpus.terms[b]!),
    );
    kept = kept.slice(0, maxFeatures);
  }
  const wordIds = kept.filter((id) => corpus.isChar[id] === 0);
  const charIds = kept.filter((id) => corpus.isChar[id] === 1);
  const byTerm = (a: number, b: number) => byCodeUnits(corpus.terms[a]!, corpus.terms[b]!);
  wordIds.sort(byTerm);
  charIds.sort(byTerm);

  const ordered = [...wordIds, ...charIds];
  const featureOf = new Int32Array(corpus.terms.length).fill(-1);
  const idf = new Float32Array(ordered.length);
  const n = rows.length;
  ordered.forEach((id, feature) => {
    featureOf[id] = feature;
    idf[feature] = Math.log((1 + n) / (1 + df[id]!)) + 1;
  });
  return {
    vocabulary: {
      words: wordIds.map((id) => corpus.terms[id]!),
      chars: charIds.map((id) => corpus.terms[id]!),
      idf,
    },
    featureOf,
  };
}

/**
 * Sublinear tf times idf, then L2 normalisation of the word block and of the character block
 * separately, as scikit-learn's FeatureUnion of two TfidfVectorizers: otherwise the many
 * character n-grams of a title would drown its few words. Features come out ascending. Shared by
 * the corpus transform and the serving featurizer, so both give the same bits.
 */
export function finishRow(
  features: Int32Array,
  n: number,
  tfOf: Float64Array,
  vocabulary: Vocabulary,
  outIndices: Int32Array,
  outValues: Float32Array,
  at: number,
): void {
  // The typed array's native sort; each feature's tf waits in the dense `tfOf`.
  const sorted = features.subarray(0, n).sort();
  const { idf } = vocabulary;
  const nWords = vocabulary.words.length;
  let wordNorm = 0;
  let charNorm = 0;
  // Each feature's unscaled weight replaces its tf in `tfOf`: both callers set a feature's tf
  // afresh before its next row, so the scratch can hold it, and the log is taken once.
  for (let i = 0; i < n; i++) {
    const f = sorted[i]!;
    const v = (1 + Math.log(tfOf[f]!)) * idf[f]!;
    tfOf[f] = v;
    if (f < nWords) wordNorm += v * v;
    else charNorm += v * v;
  }
  const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
  const charScale = charNorm > 0 ? 1 / Math.sqrt(charNorm) : 0;
  for (let i = 0; i < n; i++) {
    const f = sorted[i]!;
    outIndices[at + i] = f;
    outValues[at + i] = tfOf[f]! * (f < nWords ? wordScale : charScale);
  }
}

/**
 * The TF-IDF rows of `rows` under a fitted vocabulary, in a matrix of their own or carved from
 * `arena` (shared with worker threads, and reused).
 */
export function transformCorpus(
  corpus: TermCorpus,
  rows: ArrayLike<number>,
  fitted: FittedVocabulary,
  options: { arena?: CsrArena } = {},
): CsrMatrix {
  const { featureOf, vocabulary } = fitted;
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let k = corpus.rowPtr[r]!; k < corpus.rowPtr[r + 1]!; k++)
      if (featureOf[corpus.termIds[k]!]! >= 0) nnz++;
  }
  const out = options.arena
    ? options.arena.take(rows.length, vocabulary.idf.length, nnz)
    : allocateCsr(rows.length, vocabulary.idf.length, nnz);
  const { indptr, indices, values } = out;
  const tfOf = new Float64Array(vocabulary.idf.length);
  let features = new Int32Array(1024);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const width = corpus.rowPtr[r + 1]! - corpus.rowPtr[r]!;
    if (width > features.length) features = new Int32Array(width * 2);
    let n = 0;
    for (let k = corpus.rowPtr[r]!; k < corpus.rowPtr[r + 1]!; k++) {
      const f = featureOf[corpus.termIds[k]!]!;
      if (f < 0) continue;
      features[n++] = f;
      tfOf[f] = corpus.counts[k]!;
    }
    finishRow(features, n, tfOf, vocabulary, indices, values, indptr[i]!);
    indptr[i + 1] = indptr[i]! + n;
  }
  return out;
}

/** Stored terms of `rows` in the corpus: an upper bound on the values of their TF-IDF rows. */
export function corpusNnz(corpus: TermCorpus, rows: ArrayLike<number>): number {
  let nnz = 0;
  for (let i = 0; i < rows.length; i++)
    nnz += corpus.rowPtr[rows[i]! + 1]! - corpus.rowPtr[rows[i]!]!;
  return nnz;
}
