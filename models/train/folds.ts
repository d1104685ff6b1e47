import { createRng } from '../random';

/** Each class's rows, classes in ascending order, rows shuffled with the seed. */
function shuffledClasses(labels: ArrayLike<number>, seed: number): number[][] {
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]!) ?? [];
    list.push(i);
    byClass.set(labels[i]!, list);
  }
  return [...byClass.keys()].sort((a, b) => a - b).map((label) => rng.shuffle(byClass.get(label)!));
}

/**
 * Stratified k-fold assignment with a seeded shuffle, as scikit-learn's StratifiedKFold with
 * shuffle=True: each class's rows are shuffled, then dealt to the folds in turn, so every fold
 * holds about 1/k of every class.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const rows of shuffledClasses(labels, seed)) {
    for (const row of rows) {
      fold[row] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/** Rows of fold `f` and the rest, each ascending. */
export function splitFold(folds: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < folds.length; i++) (folds[i] === f ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** A seeded stratified split: about `fraction` of every class goes to `test`. */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  fraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of shuffledClasses(labels, seed)) {
    const nTest = Math.round(rows.length * fraction);
    rows.forEach((row, i) => (i < nTest ? test : train).push(row));
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * Exactly `n` rows (or all of them, if fewer), each class's share as in `labels`: the quotas by
 * largest remainder, the rows drawn with a seeded shuffle. Ascending.
 */
export function stratifiedSample(labels: ArrayLike<number>, n: number, seed: number): Int32Array {
  const classes = shuffledClasses(labels, seed);
  const total = labels.length;
  const want = Math.min(n, total);
  const exact = classes.map((rows) => (rows.length * want) / total);
  const quota = exact.map(Math.floor);
  let left = want - quota.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, c) => ({ c, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.c - b.c);
  for (const { c } of byRemainder) {
    if (left === 0) break;
    quota[c]!++;
    left--;
  }
  const chosen = classes.flatMap((rows, c) => rows.slice(0, quota[c]));
  return Int32Array.from(chosen.sort((a, b) => a - b));
}
