import type { FeatureParams } from './params';
import { charNgrams, extractTerms } from './terms';
import type { TermSink } from './terms';
import { Float32Builder, Int32Builder } from './growable';

export interface TextRow {
  designation: string;
  description?: string | null;
}

/**
 * Every row's terms, tokenised once and interned to ids. Cross-validation fits a vocabulary per
 * fold from these counts without tokenising again.
 */
export interface TermCorpus {
  params: FeatureParams;
  nRows: number;
  /** Term strings by id; `isChar[id]` tells a character n-gram from a word n-gram. */
  terms: string[];
  isChar: Uint8Array;
  /** Row r's distinct terms are `termIds[rowPtr[r] .. rowPtr[r+1])`, ascending, with their weighted counts. */
  rowPtr: Int32Array;
  termIds: Int32Array;
  counts: Float32Array;
}

/** Tokenises every row once; `onRow` reports progress. */
export function buildCorpus(
  rows: Iterable<TextRow>,
  params: FeatureParams,
  onRow?: (done: number) => void,
): TermCorpus {
  const wordIds = new Map<string, number>();
  const charIds = new Map<string, number>();
  const terms: string[] = [];
  const isChar: number[] = [];
  const rowPtr = new Int32Builder();
  const termIds = new Int32Builder();
  const counts = new Float32Builder();
  rowPtr.push(0);

  // Per-row accumulation in a dense scratch keyed by id, with the list of ids touched.
  let scratch = new Float64Array(1 << 16);
  let touched = new Int32Array(1024);
  let nTouched = 0;
  const add = (id: number, weight: number) => {
    if (id >= scratch.length) {
      const next = new Float64Array(Math.max(scratch.length * 2, id + 1));
      next.set(scratch);
      scratch = next;
    }
    if (scratch[id] === 0) {
      if (nTouched === touched.length) {
        const next = new Int32Array(touched.length * 2);
        next.set(touched);
        touched = next;
      }
      touched[nTouched++] = id;
    }
    scratch[id]! += weight;
  };
  const intern = (map: Map<string, number>, term: string, char: boolean) => {
    let id = map.get(term);
    if (id === undefined) {
      id = terms.length;
      map.set(term, id);
      terms.push(term);
      isChar.push(char ? 1 : 0);
    }
    return id;
  };
  const tokenNgrams = new Map<string, Int32Array>();
  const sink: TermSink = {
    word: (term, weight) => add(intern(wordIds, term, false), weight),
    charToken: (token, weight) => {
      let ids = tokenNgrams.get(token);
      if (ids === undefined) {
        ids = Int32Array.from(charNgrams(token, params), (gram) => intern(charIds, gram, true));
        tokenNgrams.set(token, ids);
      }
      for (let k = 0; k < ids.length; k++) add(ids[k]!, weight);
    },
  };

  let nRows = 0;
  for (const row of rows) {
    extractTerms(row.designation, row.description, params, sink);
    const sorted = touched.subarray(0, nTouched).sort();
    for (let k = 0; k < sorted.length; k++) {
      const id = sorted[k]!;
      termIds.push(id);
      counts.push(scratch[id]!);
      scratch[id] = 0;
    }
    nTouched = 0;
    rowPtr.push(termIds.length);
    nRows++;
    onRow?.(nRows);
  }
  return {
    params,
    nRows,
    terms,
    isChar: Uint8Array.from(isChar),
    rowPtr: rowPtr.finish(),
    termIds: termIds.finish(),
    counts: counts.finish(),
  };
}
