import type { TermCorpus } from '../features/corpus';
import { CsrArena } from '../csr-arena';
import { corpusNnz, fitVocabulary, transformCorpus } from '../features/vocabulary';
import type { FittedVocabulary } from '../features/vocabulary';
import { computeMetrics } from '../metrics';
import type { Metrics } from '../metrics';
import type { LinearParams, ModelParams } from '../params';
import { argmaxRows, softmaxInPlace } from '../score';
import { fitTemperature } from './calibration';
import { FAMILY_SPECS } from './families';
import type { Family } from './families';
import { CvPool } from './cv-pool';
import { blendLinear, blendLogits } from './linear-blend';
import { splitFold, stratifiedFolds } from './folds';

export interface SelectionOptions {
  folds: number;
  seed: number;
  nClasses: number;
  codes: readonly number[];
  /** Worker threads for cross-validation; one per core by default. */
  threads?: number;
  /** Progress of the whole selection, 0..1, with what is being done. */
  onProgress?: (fraction: number, step: string) => void;
}

export interface GridPoint {
  hyper: object;
  /** Mean weighted F1 over the folds. */
  cvWeightedF1: number;
  foldWeightedF1: number[];
}

export interface FamilyResult {
  family: Family;
  best: GridPoint;
  grid: GridPoint[];
  /** Out-of-fold logits of the best grid point, [rows × classes], for calibration. */
  oofLogits: Float64Array;
  seconds: number;
}

/**
 * Cross-validates every grid point of the given families. Folds are the outer loop: each fold's
 * vocabulary is fitted on its training part only (no term statistic leaks from the test part),
 * and only one fold's matrices exist at a time, which bounds memory on large data.
 */
export async function crossValidate(
  corpus: TermCorpus,
  rows: Int32Array,
  labels: Int32Array,
  families: readonly Family[],
  options: SelectionOptions,
  onStep?: (what: string) => void,
  arena = new CsrArena(rows.length + 1, corpusNnz(corpus, rows)),
): Promise<FamilyResult[]> {
  const C = options.nClasses;
  const folds = stratifiedFolds(labels, options.folds, options.seed);
  const state = families.map((family) => ({
    family,
    grid: FAMILY_SPECS[family].grid.map((hyper) => ({
      hyper,
      scores: [] as number[],
      oof: new Float64Array(rows.length * C),
    })),
    seconds: 0,
  }));
  // Slowest families first, so the threads finish a fold at about the same time.
  const jobs = state
    .flatMap((family) => family.grid.map((point) => ({ family, point })))
    .sort((a, b) => COST_RANK[a.family.family] - COST_RANK[b.family.family]);
  const pool = new CvPool(options.threads);
  try {
    for (let f = 0; f < options.folds; f++) {
      const { train, test } = splitFold(folds, f);
      // The pool has finished with the previous fold: its matrices' memory is reused.
      arena.reset();
      const fitted = fitVocabulary(
        corpus,
        train.map((i) => rows[i]!),
      );
      const trainX = transformCorpus(
        corpus,
        train.map((i) => rows[i]!),
        fitted,
        { arena },
      );
      const testX = transformCorpus(
        corpus,
        test.map((i) => rows[i]!),
        fitted,
        { arena },
      );
      const truth = test.map((i) => labels[i]!);
      onStep?.('features per fold');
      const results = await pool.runFold(
        f,
        trainX,
        train.map((i) => labels[i]!),
        testX,
        C,
        jobs.map(({ family, point }) => ({
          family: family.family,
          hyper: point.hyper,
          seed: options.seed + f,
        })),
        () => onStep?.('cross-validating'),
      );
      results.forEach(({ logits, seconds }, j) => {
        const { family, point } = jobs[j]!;
        point.scores.push(computeMetrics(truth, argmaxRows(logits, C), options.codes).weightedF1);
        test.forEach((row, i) => point.oof.set(logits.subarray(i * C, (i + 1) * C), row * C));
        family.seconds += seconds;
      });
    }
  } finally {
    await pool.close();
  }
  return state.map((family) => {
    const grid: GridPoint[] = family.grid.map((p) => ({
      hyper: p.hyper,
      cvWeightedF1: p.scores.reduce((a, b) => a + b, 0) / p.scores.length,
      foldWeightedF1: p.scores,
    }));
    let best = 0;
    grid.forEach((p, i) => {
      if (p.cvWeightedF1 > grid[best]!.cvWeightedF1) best = i;
    });
    return {
      family: family.family,
      best: grid[best]!,
      grid,
      oofLogits: family.grid[best]!.oof,
      seconds: family.seconds,
    };
  });
}

export interface TrainedModel {
  /** A family, or members joined by `+` for a blend of linear families. */
  family: string;
  hyper: object;
  params: ModelParams;
  temperature: number;
  /** The vocabulary fitted on all the training rows, with the corpus-id map to transform more of them. */
  fitted: FittedVocabulary;
  /** Cross-validation of every family tried, best first. */
  candidates: FamilyResult[];
  /** Out-of-fold metrics of the chosen model, with its calibrated probabilities. */
  cv: Metrics;
  /** ECE of the out-of-fold probabilities before temperature scaling. */
  eceUncalibrated: number;
}

/**
 * What GridSearchCV does, over several families: stratified k-fold CV of every grid point,
 * the best by mean weighted F1, temperature scaling on its out-of-fold scores, then a refit on
 * all the rows.
 */
export async function selectAndFit(
  corpus: TermCorpus,
  rows: Int32Array,
  labels: Int32Array,
  families: readonly Family[],
  options: SelectionOptions,
): Promise<TrainedModel> {
  const totalSteps =
    options.folds +
    families.reduce((n, f) => n + FAMILY_SPECS[f].grid.length * options.folds, 0) +
    1;
  let done = 0;
  const step = (what: string) => {
    done++;
    options.onProgress?.(done / totalSteps, what);
  };
  // One arena for every fold's matrices and then the refit's: never two folds in memory.
  const arena = new CsrArena(rows.length + 1, corpusNnz(corpus, rows));
  const candidates = await crossValidate(corpus, rows, labels, families, options, step, arena);
  const model = fitSelected(corpus, rows, labels, candidates, options, arena);
  step(`refitting ${model.family}`);
  return model;
}

/**
 * The second half of selection, given every family's cross-validation (from this process or
 * from separate runs): the best model or blend, temperature scaling on its out-of-fold scores,
 * and a refit on all the rows.
 */
export function fitSelected(
  corpus: TermCorpus,
  rows: Int32Array,
  labels: Int32Array,
  results: FamilyResult[],
  options: SelectionOptions,
  arena = new CsrArena(rows.length + 1, corpusNnz(corpus, rows)),
): TrainedModel {
  const C = options.nClasses;
  const candidates = [...results].sort((a, b) => b.best.cvWeightedF1 - a.best.cvWeightedF1);
  const choice = chooseModel(candidates, labels, options);

  const temperature = fitTemperature(choice.oofLogits, labels, C);
  const oofPredicted = argmaxRows(choice.oofLogits, C);
  const raw = probabilities(choice.oofLogits, C, 1);
  const calibrated = probabilities(choice.oofLogits, C, temperature);
  const eceUncalibrated = computeMetrics(labels, oofPredicted, options.codes, raw).ece!;
  const cv = computeMetrics(labels, oofPredicted, options.codes, calibrated);

  const fitted = fitVocabulary(corpus, rows);
  arena.reset();
  const x = transformCorpus(corpus, rows, fitted, { arena });
  const refit = choice.members.map((m) => ({
    params: FAMILY_SPECS[m.family].trainer({ x, y: labels, nClasses: C }, m.hyper, {
      seed: options.seed,
    }),
    weight: m.weight,
  }));
  const params =
    refit.length === 1
      ? refit[0]!.params
      : blendLinear(refit.map((r) => ({ params: r.params as LinearParams, weight: r.weight })));
  return {
    family: choice.family,
    hyper: choice.hyper,
    params,
    temperature,
    fitted,
    candidates,
    cv,
    eceUncalibrated,
  };
}

interface Choice {
  family: string;
  hyper: object;
  members: { family: Family; hyper: object; weight: number }[];
  oofLogits: Float64Array;
}

const LINEAR_FAMILIES: readonly Family[] = ['svm', 'logreg', 'cnb'];
const COST_RANK: Record<Family, number> = { mlp: 0, svm: 1, logreg: 2, cnb: 3 };

/**
 * The best single family, or a blend of the two best linear families when that scores higher
 * out of fold. Each member's logits are divided by its own fitted temperature first, so that
 * an SVM's margins and a logistic regression's log-odds count on one scale.
 */
function chooseModel(
  candidates: FamilyResult[],
  labels: Int32Array,
  options: SelectionOptions,
): Choice {
  const C = options.nClasses;
  const winner = candidates[0]!;
  const single: Choice = {
    family: winner.family,
    hyper: winner.best.hyper,
    members: [{ family: winner.family, hyper: winner.best.hyper, weight: 1 }],
    oofLogits: winner.oofLogits,
  };
  const linear = candidates.filter((c) => LINEAR_FAMILIES.includes(c.family)).slice(0, 2);
  if (linear.length < 2) return single;
  const members = linear.map((c) => ({
    family: c.family,
    hyper: c.best.hyper,
    weight: 1 / fitTemperature(c.oofLogits, labels, C),
    oofLogits: c.oofLogits,
  }));
  const oofLogits = blendLogits(members);
  const blended = computeMetrics(labels, argmaxRows(oofLogits, C), options.codes).weightedF1;
  const best = computeMetrics(labels, argmaxRows(winner.oofLogits, C), options.codes).weightedF1;
  if (blended <= best) return single;
  return {
    family: members.map((m) => m.family).join('+'),
    hyper: { blend: members.map(({ family, hyper, weight }) => ({ family, hyper, weight })) },
    members: members.map(({ family, hyper, weight }) => ({ family, hyper, weight })),
    oofLogits,
  };
}

function probabilities(logits: Float64Array, C: number, temperature: number): Float64Array {
  const out = Float64Array.from(logits);
  for (let r = 0; r < out.length / C; r++) softmaxInPlace(out, temperature, r * C, C);
  return out;
}
