import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCorpus } from '../models/features/corpus';
import { Featurizer } from '../models/features/featurizer';
import type { FeaturizerJson } from '../models/features/featurizer';
import { DEFAULT_FEATURE_PARAMS } from '../models/features/params';
import type { FeatureParams } from '../models/features/params';
import { charNgrams, extractTerms } from '../models/features/terms';
import { fitVocabulary, transformCorpus } from '../models/features/vocabulary';
import { readLabelledCsv } from '../models/data/labelled-rows';
import { realFile } from './helpers/real-data';

const params: FeatureParams = { ...DEFAULT_FEATURE_PARAMS, minDf: 1 };

describe('TF-IDF features', () => {
  it('makes word 1-2-grams within a field and char_wb 2-5-grams as scikit-learn does', () => {
    const words: string[] = [];
    const chars: string[] = [];
    extractTerms(
      'piscine bois',
      '',
      { ...params, titleWeight: 1 },
      {
        word: (t) => words.push(t),
        charToken: (t) => chars.push(...charNgrams(t, params)),
      },
    );
    assert.deepEqual(words, ['piscine', 'piscine bois', 'bois']);
    // " bois " padded with spaces, n = 2..5, in the order scikit-learn's char_wb yields them.
    assert.deepEqual(
      chars.filter((c) => c.includes('b')),
      [' b', 'bo', ' bo', 'boi', ' boi', 'bois', ' bois', 'bois '],
    );
    assert.ok(chars.includes('bois '));
  });

  it('weights the title above the description', () => {
    const weights = new Map<string, number>();
    extractTerms('lampe', 'lampe', params, {
      word: (t, w) => weights.set(t, (weights.get(t) ?? 0) + w),
      charToken: () => undefined,
    });
    assert.equal(weights.get('lampe'), params.titleWeight + 1);
  });

  it('gives the serving featurizer exactly the training rows, bit for bit', () => {
    const { rows } = readLabelledCsv(realFile('raw.csv'));
    const corpus = buildCorpus(rows, params);
    const all = Int32Array.from(rows, (_, i) => i);
    const fitted = fitVocabulary(corpus, all);
    const x = transformCorpus(corpus, all, fitted);
    const featurizer = Featurizer.fromJSON(
      JSON.parse(
        JSON.stringify(new Featurizer(params, fitted.vocabulary).toJSON()),
      ) as FeaturizerJson,
    );
    for (let r = 0; r < rows.length; r++) {
      const row = featurizer.transform(rows[r]!.designation, rows[r]!.description);
      const start = x.indptr[r]!;
      const end = x.indptr[r + 1]!;
      assert.deepEqual(
        Array.from(row.indices),
        Array.from(x.indices.subarray(start, end)),
        `row ${r}`,
      );
      assert.deepEqual(
        Array.from(row.values),
        Array.from(x.values.subarray(start, end)),
        `row ${r}`,
      );
    }
    // The word block and the character block are each L2-normalised, as scikit-learn's FeatureUnion.
    let words = 0;
    let chars = 0;
    for (let k = x.indptr[0]!; k < x.indptr[1]!; k++) {
      if (x.indices[k]! < fitted.vocabulary.words.length) words += x.values[k]! ** 2;
      else chars += x.values[k]! ** 2;
    }
    assert.ok(Math.abs(words - 1) < 1e-5 && Math.abs(chars - 1) < 1e-5, `${words} ${chars}`);
  });

  it('gives the training rows whatever the word n-gram range: unigrams, bigrams only, trigrams', () => {
    const rows = readLabelledCsv(realFile('raw.csv')).rows.slice(0, 300);
    const all = Int32Array.from(rows, (_, i) => i);
    for (const wordNgrams of [
      [1, 1],
      [2, 2],
      [1, 3],
    ] as [number, number][]) {
      const variant = { ...params, wordNgrams };
      const fitted = fitVocabulary(buildCorpus(rows, variant), all);
      const x = transformCorpus(buildCorpus(rows, variant), all, fitted);
      const featurizer = new Featurizer(variant, fitted.vocabulary);
      for (let r = 0; r < rows.length; r++) {
        const row = featurizer.transform(rows[r]!.designation, rows[r]!.description);
        const start = x.indptr[r]!;
        const end = x.indptr[r + 1]!;
        assert.deepEqual(Array.from(row.indices), Array.from(x.indices.subarray(start, end)));
        assert.deepEqual(Array.from(row.values), Array.from(x.values.subarray(start, end)));
      }
    }
  });

  it('fits a deterministic vocabulary: min-df, the cap by document frequency, sorted terms', () => {
    const rows = [
      { designation: 'lampe bois', description: '' },
      { designation: 'lampe metal', description: '' },
      { designation: 'table bois', description: '' },
    ];
    const capped = { ...params, minDf: 2, charNgrams: [9, 9] as [number, number] };
    const corpus = buildCorpus(rows, capped);
    const fitted = fitVocabulary(corpus, [0, 1, 2]);
    assert.deepEqual(fitted.vocabulary.words, ['bois', 'lampe']);
    // smooth idf: ln((1+3)/(1+2)) + 1
    assert.ok(Math.abs(fitted.vocabulary.idf[0]! - (Math.log(4 / 3) + 1)) < 1e-6);
    const one = fitVocabulary(
      buildCorpus(rows, { ...capped, minDf: 1, maxFeatures: 1 }),
      [0, 1, 2],
    );
    assert.deepEqual([...one.vocabulary.words, ...one.vocabulary.chars], ['bois']);
    assert.deepEqual(fitVocabulary(corpus, [0, 1, 2]), fitted);
  });

  it('refuses a featurizer of another format', () => {
    const json = new Featurizer(params, {
      words: [],
      chars: [],
      idf: new Float32Array(0),
    }).toJSON();
    assert.throws(() => Featurizer.fromJSON({ ...json, formatVersion: 99 }), /not supported/);
    assert.throws(() => Featurizer.fromJSON({ ...json, textProcessingVersion: -1 }), /retrain/);
  });
});
