import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATEGORY_CODES } from '../models/categories';
import { readLabelledCsv } from '../models/data/labelled-rows';
import { DEFAULT_FEATURE_PARAMS } from '../models/features/params';
import { createRng } from '../models/random';
import type { Rng } from '../models/random';
import { tokenize } from '../models/text';
import {
  DEFAULT_DRIFT_THRESHOLDS,
  DriftProfileMismatchError,
  chiSquaredHomogeneity,
  chiSquaredSurvival,
  compareProfiles,
  driftThresholdsSchema,
  isNonFrench,
  jsDistance,
  klDivergence,
  kolmogorovSurvival,
  ksTest,
  logGamma,
  maxSeverity,
  profileSample,
  psi,
  regularizedGammaP,
  renderDriftReport,
  resolveDriftThresholds,
  severityRank,
  valueCounts,
} from '../models/drift';
import type {
  DriftProfile,
  DriftResult,
  DriftTextRow,
  FeatureDrift,
  ProfileOptions,
} from '../models/drift';
import { realFile } from './helpers/real-data';

function close(actual: number, expected: number, tolerance: number, what = 'value'): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('drift statistics', () => {
  it('computes PSI and KL with 0.5 added to every bin, by hand', () => {
    // Smoothed shares: reference 50.5/101 = 0.5 each; current 25.5/101, 75.5/101.
    // PSI = Σ (c − r) ln(c / r) = 0.268677; KL(cur ‖ ref) = Σ c ln(c / r) = 0.128109.
    close(psi([50, 50], [25, 75]), 0.2686767832, 1e-9, 'PSI');
    close(klDivergence([50, 50], [25, 75]), 0.1281090011, 1e-9, 'KL');
    assert.equal(psi([3, 7, 0], [3, 7, 0]), 0);
    assert.equal(klDivergence([3, 7, 0], [3, 7, 0]), 0);
    // Smoothing is not scale-invariant: the same shares from fewer counts sit nearer uniform.
    assert.ok(klDivergence([3, 7, 0], [6, 14, 0]) > 0);
    // PSI is symmetric, KL is not.
    close(psi([10, 90], [40, 60]), psi([40, 60], [10, 90]), 1e-12, 'PSI symmetry');
    assert.notEqual(klDivergence([10, 90], [40, 60]), klDivergence([40, 60], [10, 90]));
    // An empty bin on one side stays finite.
    assert.ok(Number.isFinite(psi([100, 0], [0, 100])));
    assert.throws(() => psi([1, 2], [1, 2, 3]), RangeError);
  });

  it('computes the Jensen–Shannon distance in bits, within [0, 1]', () => {
    // p = (½, ½), q = (1, 0), m = (¾, ¼): JSD = ½(½ log2 ⅔ + ½ log2 2) + ½ log2 4/3 = 0.311278.
    close(jsDistance([1, 1], [1, 0]), Math.sqrt(0.3112781245), 1e-9, 'JS');
    close(jsDistance([1, 1], [1, 0]), 0.5579230453, 1e-9, 'JS');
    assert.equal(jsDistance([5, 0], [0, 5]), 1);
    assert.equal(jsDistance([3, 1, 4], [6, 2, 8]), 0);
    const rng = createRng(7);
    for (let trial = 0; trial < 200; trial++) {
      const a = Array.from({ length: 6 }, () => rng.int(20));
      const b = Array.from({ length: 6 }, () => rng.int(20));
      a[0]! += 1;
      b[0]! += 1;
      const d = jsDistance(a, b);
      assert.ok(d >= 0 && d <= 1, `JS ${d}`);
      close(d, jsDistance(b, a), 1e-12, 'JS symmetry');
      assert.ok(klDivergence(a, b) >= 0);
      assert.ok(psi(a, b) >= 0);
    }
  });

  it('computes the two-sample KS statistic, stepping ties together', () => {
    // F_ref − F_cur at 1..6: .25, .5, .5 (3 is in both), .5, .25, 0.
    const r = ksTest(valueCounts([1, 2, 3, 4]), valueCounts([3, 4, 5, 6]));
    assert.equal(r.statistic, 0.5);
    assert.equal(ksTest(valueCounts([1, 2, 3]), valueCounts([7, 8, 9])).statistic, 1);
    assert.deepEqual(ksTest(valueCounts([1, 2, 2, 3]), valueCounts([3, 2, 1, 2])), {
      statistic: 0,
      pValue: 1,
    });
    assert.deepEqual(valueCounts([3, 1, 3, 2, 3]), { values: [1, 2, 3], counts: [1, 1, 3] });
  });

  it('gives the Kolmogorov distribution and KS p-values of the tables', () => {
    // Critical values of the Kolmogorov distribution: K(1.2239) = .90, K(1.3581) = .95,
    // K(1.6276) = .99; P(K > 1) = 0.2700, P(K > 0.8) = 0.5441.
    close(kolmogorovSurvival(1.2239), 0.1, 1e-4, 'Q(1.2239)');
    close(kolmogorovSurvival(1.3581), 0.05, 1e-4, 'Q(1.3581)');
    close(kolmogorovSurvival(1.6276), 0.01, 1e-4, 'Q(1.6276)');
    close(kolmogorovSurvival(1), 0.27, 1e-4, 'Q(1)');
    close(kolmogorovSurvival(0.8), 0.5441, 1e-4, 'Q(0.8)');
    assert.equal(kolmogorovSurvival(0), 1);
    // Both series meet where one hands over to the other.
    close(kolmogorovSurvival(1.18 - 1e-9), kolmogorovSurvival(1.18), 1e-9, 'continuity');
    // 0..49 against 15..64: D = 15/50 = 0.3; nₑ = 25, λ = (5 + 0.12 + 0.11/5) × 0.3 = 1.5426.
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = Array.from({ length: 50 }, (_, i) => i + 15);
    const r = ksTest(valueCounts(a), valueCounts(b));
    close(r.statistic, 0.3, 1e-12, 'D');
    close(r.pValue, 0.0171444, 1e-6, 'KS p');
  });

  it('gives chi-squared p-values of the tables', () => {
    close(chiSquaredSurvival(3.841459, 1), 0.05, 1e-6, 'χ²(1) 3.84');
    close(chiSquaredSurvival(6.634897, 1), 0.01, 1e-6, 'χ²(1) 6.63');
    close(chiSquaredSurvival(11.070498, 5), 0.05, 1e-6, 'χ²(5) 11.07');
    close(chiSquaredSurvival(18.307038, 10), 0.05, 1e-6, 'χ²(10) 18.31');
    close(chiSquaredSurvival(124.342113, 100), 0.05, 1e-6, 'χ²(100) 124.34');
    // With 2 degrees of freedom the survival function is exp(−x/2).
    for (const x of [0.1, 1, 5, 30]) close(chiSquaredSurvival(x, 2), Math.exp(-x / 2), 1e-12);
    for (const x of [0.5, 3, 40]) close(regularizedGammaP(1, x), 1 - Math.exp(-x), 1e-12);
    close(logGamma(5), Math.log(24), 1e-12, 'lnΓ(5)');
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-12, 'lnΓ(½)');
    assert.ok(chiSquaredSurvival(2000, 10) < 1e-300);
    assert.equal(chiSquaredSurvival(5, 0), 1);
  });

  it('tests homogeneity of a 2 × k table, pooling bins of tiny expected counts', () => {
    // Expected counts 40 and 60 on both rows: X² = 2 (10²/40 + 10²/60) = 8.333, df 1,
    // p = erfc(√(X²/2)) = 0.0038924 (no Yates correction).
    const r = chiSquaredHomogeneity([30, 70], [50, 50]);
    close(r.statistic, 25 / 3, 1e-12, 'X²');
    assert.equal(r.df, 1);
    close(r.pValue, 0.0038924171, 1e-9, 'p');
    // Smaller expected counts 0.5 and 1.5: those two bins are pooled, the pool (2) is still
    // under 5 and takes the next smallest bin: two columns are left.
    const merged = chiSquaredHomogeneity([100, 100, 1, 1], [100, 100, 0, 2]);
    assert.equal(merged.df, 1);
    assert.equal(merged.mergedBins, 3);
    assert.equal(chiSquaredHomogeneity([10, 0], [0, 0]).pValue, 1);
    assert.equal(chiSquaredHomogeneity([1, 1], [1, 1]).df, 0);
  });
});

describe('drift severity and thresholds', () => {
  it('orders severities', () => {
    assert.equal(maxSeverity(), 'none');
    assert.equal(maxSeverity('low', 'high', 'medium'), 'high');
    assert.ok(severityRank('medium') > severityRank('low'));
  });

  it('validates thresholds and merges overrides onto the defaults', () => {
    assert.deepEqual(
      driftThresholdsSchema.parse(DEFAULT_DRIFT_THRESHOLDS),
      DEFAULT_DRIFT_THRESHOLDS,
    );
    const t = resolveDriftThresholds({ alpha: 0.05, psi: { high: 0.5 } });
    assert.equal(t.alpha, 0.05);
    assert.deepEqual(t.psi, { low: 0.05, medium: 0.1, high: 0.5 });
    assert.deepEqual(resolveDriftThresholds(), DEFAULT_DRIFT_THRESHOLDS);
    assert.throws(() => resolveDriftThresholds({ psi: { low: 0.5 } }), /low <= medium/);
    assert.throws(() => resolveDriftThresholds({ alpha: 2 }));
    assert.throws(() => resolveDriftThresholds({ minSample: 10 }));
  });
});

describe('non-French heuristic', () => {
  const tokens = (text: string) => tokenize(text, { stem: false, removeStopwords: false });
  it('flags English and German listings, not French ones nor short titles', () => {
    assert.ok(isNonFrench(tokens('The timeless seat can now be paired with more types of legs')));
    assert.ok(isNonFrench(tokens('Individuelle und kollektive Freiheit im Arbeitsrecht der Zeit')));
    assert.ok(!isNonFrench(tokens('Piscine hors sol en bois pour le jardin, avec une échelle')));
    // Franglais product titles stay French when French function words hold their own.
    assert.ok(!isNonFrench(tokens('Housse de protection pour the Nintendo Switch avec le câble')));
    assert.ok(!isNonFrench(tokens('The Witcher')));
  });
});

// Real challenge rows: 9,808 preprocessed test titles and 892 raw rows with descriptions.
const POOL: DriftTextRow[] = [
  ...readLabelledCsv(realFile('titles.csv')).rows,
  ...readLabelledCsv(realFile('raw.csv')).rows,
].map((r) => ({
  designation: r.designation,
  description: r.description === '' ? null : r.description,
  prdtypecode: r.prdtypecode,
}));

/** A champion that is right about as often as it claims to be; the same model for both sides. */
function simulatePredictions(texts: readonly DriftTextRow[], rng: Rng) {
  return texts.map((t) => {
    const confidence = 0.2 + 0.8 * Math.sqrt(rng.next());
    const predictedCode =
      rng.next() < confidence ? t.prdtypecode! : CATEGORY_CODES[rng.int(CATEGORY_CODES.length)]!;
    return { predictedCode, confidence };
  });
}

/** The unigram tokens of the reference, standing in for the champion's vocabulary. */
function vocabularyOf(texts: readonly DriftTextRow[]): Set<string> {
  const options = {
    stem: DEFAULT_FEATURE_PARAMS.stem,
    removeStopwords: DEFAULT_FEATURE_PARAMS.removeStopwords,
  };
  const words = new Set<string>();
  for (const t of texts) {
    for (const w of tokenize(t.designation, options)) words.add(w);
    if (t.description) for (const w of tokenize(t.description, options)) words.add(w);
  }
  return words;
}

interface Draw {
  rng: Rng;
  reference: DriftProfile;
  /** Pool rows not in the reference, in random order. */
  rest: DriftTextRow[];
  /** How to profile a current sample against the reference. */
  currentOptions: ProfileOptions;
  /** Profiles `texts` with simulated predictions. */
  profile(texts: DriftTextRow[]): DriftProfile;
}

/** A random reference of `referenceSize` pool rows and a profiler for samples against it. */
function drawReference(seed: number, referenceSize = 3_000): Draw {
  const rng = createRng(seed);
  const order = rng.shuffle(POOL.map((_, i) => i));
  const texts = order.slice(0, referenceSize).map((i) => POOL[i]!);
  const options = { vocabulary: vocabularyOf(texts), params: DEFAULT_FEATURE_PARAMS };
  const reference = profileSample({ texts, predictions: simulatePredictions(texts, rng) }, options);
  const currentOptions = { ...options, tokenBins: reference.tokenBins };
  return {
    rng,
    reference,
    rest: order.slice(referenceSize).map((i) => POOL[i]!),
    currentOptions,
    profile: (current) =>
      profileSample(
        { texts: current, predictions: simulatePredictions(current, rng) },
        currentOptions,
      ),
  };
}

const feature = (result: DriftResult, name: string): FeatureDrift => {
  const f = result.features.find((x) => x.name === name);
  assert.ok(f, `no feature ${name}`);
  return f;
};

describe('drift on real data', () => {
  it('finds no drift between disjoint samples of the same data (19 of 20 runs at least)', (t) => {
    const flagged: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const draw = drawReference(seed);
      // 1,000 rather than 500 so that the ~5% of rows with a description reach `minSamples`.
      const result = compareProfiles(draw.reference, draw.profile(draw.rest.slice(0, 1_000)));
      assert.equal(result.comparedFeatures, 10, `seed ${seed}: ${result.summary}`);
      if (result.severity !== 'none') flagged.push(`seed ${seed}: ${result.summary}`);
    }
    t.diagnostic(
      `${flagged.length} of 20 same-distribution runs flagged${flagged.map((f) => `; ${f}`).join('')}`,
    );
    assert.ok(flagged.length <= 1, flagged.join('\n'));
  });

  it('makes profiles and results that survive a JSON round trip', () => {
    const draw = drawReference(101, 1_000);
    const current = draw.profile(draw.rest.slice(0, 300));
    const result = compareProfiles(draw.reference, current);
    assert.deepEqual(JSON.parse(JSON.stringify(draw.reference)), draw.reference);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    const cached = JSON.parse(JSON.stringify(current)) as DriftProfile;
    assert.deepEqual(compareProfiles(draw.reference, cached), result);
  });

  it('sees a sample of 3 categories as a high drift of labels and tokens', () => {
    const draw = drawReference(202);
    const codes = new Set([2583, 1160, 2705]);
    const texts = draw.rest.filter((r) => codes.has(r.prdtypecode!)).slice(0, 500);
    const result = compareProfiles(draw.reference, draw.profile(texts));
    for (const name of ['label', 'tokens', 'predictedClass']) {
      assert.equal(feature(result, name).severity, 'high', feature(result, name).reason);
    }
    assert.equal(result.severity, 'high');
    assert.deepEqual(feature(result, 'label').plot?.bins.length, 27);
  });

  it('sees descriptions twice as long as a high drift of description lengths only', () => {
    const draw = drawReference(303);
    const texts = draw.rest.slice(0, 2_000).map((r) => ({
      ...r,
      description: r.description === null ? null : `${r.description} ${r.description}`,
    }));
    const result = compareProfiles(draw.reference, draw.profile(texts));
    for (const name of ['descriptionChars', 'descriptionWords']) {
      assert.equal(feature(result, name).severity, 'high', feature(result, name).reason);
    }
    for (const name of ['emptyDescription', 'titleChars', 'label', 'tokens']) {
      assert.equal(feature(result, name).severity, 'none', feature(result, name).reason);
    }
    assert.equal(result.severity, 'high');
  });

  it('calls every feature insufficient, and no drift, for an empty current sample', () => {
    const draw = drawReference(404, 1_000);
    const result = compareProfiles(draw.reference, draw.profile([]));
    for (const f of result.features) {
      assert.equal(f.status, 'insufficient', f.name);
      assert.equal(f.severity, 'none', f.name);
      assert.equal(f.statistics, null);
    }
    assert.equal(result.severity, 'none');
    assert.equal(result.comparedFeatures, 0);
  });

  it('skips labels and predictions a side does not have', () => {
    const draw = drawReference(505, 1_000);
    const texts = draw.rest.slice(0, 400).map((r) => ({ ...r, prdtypecode: null }));
    const current = profileSample({ texts, predictions: [] }, draw.currentOptions);
    const result = compareProfiles(draw.reference, current);
    for (const name of ['label', 'predictedClass', 'confidence']) {
      assert.equal(feature(result, name).status, 'insufficient', name);
    }
    assert.match(feature(result, 'label').reason, /no labelled rows in the current sample/);
    assert.match(feature(result, 'confidence').reason, /no predictions in the current sample/);
    for (const name of ['titleChars', 'titleWords', 'emptyDescription', 'nonFrench', 'tokens']) {
      assert.equal(feature(result, name).status, 'ok', name);
    }
  });

  it('refuses profiles made with other token bins or another vocabulary', () => {
    const draw = drawReference(505, 1_000);
    const sample = { texts: draw.rest.slice(0, 400), predictions: [] };
    const { tokenBins: _, ...ownBins } = draw.currentOptions;
    assert.throws(
      () => compareProfiles(draw.reference, profileSample(sample, ownBins)),
      DriftProfileMismatchError,
    );
    const otherVocabulary = {
      ...draw.currentOptions,
      vocabulary: new Set(draw.reference.tokenBins),
    };
    assert.throws(
      () => compareProfiles(draw.reference, profileSample(sample, otherVocabulary)),
      /vocabularySize/,
    );
  });
});

describe('drift report', () => {
  const draw = drawReference(606, 1_500);
  const codes = new Set([2583, 1160, 2705]);
  const result = compareProfiles(
    draw.reference,
    draw.profile(draw.rest.filter((r) => codes.has(r.prdtypecode!)).slice(0, 300)),
  );
  const html = renderDriftReport({
    id: 'drift-0001',
    createdAt: '2026-11-27T09:30:00.000Z',
    championVersion: 'm-1 <script>alert(1)</script>',
    datasetVersion: 'a'.repeat(64),
    window: { from: '2026-11-20', to: '2026-11-27', note: '<b>&' },
    result,
  });

  it('is one HTML page with a summary row and a plot per feature', () => {
    assert.ok(html.startsWith('<!doctype html>\n'));
    assert.ok(html.includes('<meta charset="utf-8">'));
    const plots = result.features.filter((f) => f.plot !== null).length;
    assert.equal(plots, result.features.length);
    assert.equal(html.match(/<svg /g)?.length, plots);
    assert.equal(html.match(/<tr>/g)?.length, result.features.length + 1);
    for (const f of result.features) assert.ok(html.includes(`id="${f.name}"`), f.name);
    assert.ok(!/https?:\/\//.test(html), 'no external resources');
  });

  it('escapes every text it is given', () => {
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('m-1 &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&lt;b&gt;&amp;'));
    assert.ok(!html.includes('<b>'));
  });
});
