/**
 * What differs between two model versions, as pure functions of what the registry and the cards
 * hold: every difference is b − a.
 */

export interface MetricDiff {
  metric: string;
  a: number | null;
  b: number | null;
  /** b − a; null when either is missing. */
  diff: number | null;
}

function minus(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : b - a;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function at(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/** The headline metrics of `model_versions.metrics` side by side. */
export function metricDiffs(a: unknown, b: unknown): MetricDiff[] {
  const metrics: [string, string[]][] = [
    ['gold weighted F1', ['gold', 'weightedF1']],
    ['gold macro F1', ['gold', 'macroF1']],
    ['gold accuracy', ['gold', 'accuracy']],
    ['gold ECE', ['gold', 'ece']],
    ['CV weighted F1', ['cv', 'weightedF1']],
  ];
  return metrics.map(([metric, path]) => {
    const va = num(at(a, ...path));
    const vb = num(at(b, ...path));
    return { metric, a: va, b: vb, diff: minus(va, vb) };
  });
}

export interface ClassF1Diff {
  code: number;
  a: number | null;
  b: number | null;
  diff: number | null;
}

/** The holdout's per-class F1 of a card, by code. */
function perClassF1(holdout: unknown): Map<number, number> {
  const rows = at(holdout, 'perClass');
  const out = new Map<number, number>();
  if (!Array.isArray(rows)) return out;
  for (const row of rows) {
    const code = num(at(row, 'code'));
    const f1 = num(at(row, 'f1'));
    if (code !== null && f1 !== null) out.set(code, f1);
  }
  return out;
}

/** Per-class F1 of both holdouts on the union of their codes, in code order. */
export function perClassDiff(holdoutA: unknown, holdoutB: unknown): ClassF1Diff[] {
  const a = perClassF1(holdoutA);
  const b = perClassF1(holdoutB);
  const codes = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  return codes.map((code) => {
    const va = a.get(code) ?? null;
    const vb = b.get(code) ?? null;
    return { code, a: va, b: vb, diff: minus(va, vb) };
  });
}

export interface ConfusionComparison {
  /** Rows (true) and columns (predicted) of all three matrices. */
  codes: number[];
  a: number[][] | null;
  b: number[][] | null;
  /** b − a, cell by cell; null unless both are known. */
  diff: number[][] | null;
}

/** A card's holdout confusion, re-indexed onto `codes` (a code it lacks counts zero). */
function aligned(codes: readonly number[], own: unknown, matrix: unknown): number[][] | null {
  if (!Array.isArray(own) || !Array.isArray(matrix)) return null;
  const index = new Map(own.map((code, i) => [code as number, i]));
  return codes.map((truth) =>
    codes.map((predicted) => {
      const i = index.get(truth);
      const j = index.get(predicted);
      if (i === undefined || j === undefined) return 0;
      return num(at(matrix, String(i), String(j))) ?? 0;
    }),
  );
}

/** Both holdout confusion matrices on the union of the cards' codes, and their difference. */
export function confusionDiff(
  a: { codes: unknown; holdout: unknown },
  b: { codes: unknown; holdout: unknown },
): ConfusionComparison {
  const codeList = (codes: unknown): number[] =>
    Array.isArray(codes) ? codes.filter((c): c is number => typeof c === 'number') : [];
  const codes = [...new Set([...codeList(a.codes), ...codeList(b.codes)])].sort((x, y) => x - y);
  const ma = aligned(codes, a.codes, at(a.holdout, 'confusion'));
  const mb = aligned(codes, b.codes, at(b.holdout, 'confusion'));
  const diff = ma && mb ? ma.map((row, i) => row.map((cell, j) => mb[i]![j]! - cell)) : null;
  return { codes, a: ma, b: mb, diff };
}

/** Nested objects as dotted keys to their scalar (or array, as JSON) values. */
export function flatten(value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      Object.assign(out, flatten(inner, prefix ? `${prefix}.${key}` : key));
    }
  } else if (prefix) {
    out[prefix] = value === undefined ? '' : JSON.stringify(value);
  }
  return out;
}

export interface KeyDiff {
  key: string;
  /** The value as JSON; null where that side lacks the key. */
  a: string | null;
  b: string | null;
}

/** Only the keys whose values differ, in key order. */
export function differingKeys(a: unknown, b: unknown): KeyDiff[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort();
  return keys
    .filter((key) => fa[key] !== fb[key])
    .map((key) => ({ key, a: fa[key] ?? null, b: fb[key] ?? null }));
}
