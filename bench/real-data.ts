import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/config/config';
import { readLabelledCsv } from '../models/data/labelled-rows';
import type { LabelledRow } from '../models/data/labelled-rows';
import { CATEGORY_CODES } from '../models/categories';
import { stratifiedSplit } from '../models/train/folds';

export const REAL_DATA_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'rakuten');

/** titles.csv plus raw.csv: the ~10.7k real labelled rows the benchmarks compare on. */
export function loadRealRows(): LabelledRow[] {
  return [
    ...readLabelledCsv(path.join(REAL_DATA_DIR, 'titles.csv')).rows,
    ...readLabelledCsv(path.join(REAL_DATA_DIR, 'raw.csv')).rows,
  ];
}

/** The seeded stratified 80/20 split both sides of the comparison use. */
export function splitRows(
  rows: LabelledRow[],
  seed: number,
): { train: LabelledRow[]; test: LabelledRow[] } {
  const classOf = new Map<number, number>(CATEGORY_CODES.map((c, i) => [c, i]));
  const split = stratifiedSplit(
    rows.map((r) => classOf.get(r.prdtypecode)!),
    0.2,
    seed,
  );
  return {
    train: Array.from(split.train, (i) => rows[i]!),
    test: Array.from(split.test, (i) => rows[i]!),
  };
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Writes rows as the simple labelled CSV into a scratch folder outside the repository. */
export function writeLabelledCsv(rows: LabelledRow[], name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-bench-'));
  const file = path.join(dir, name);
  const lines = [
    'designation,description,prdtypecode',
    ...rows.map((r) => `${quote(r.designation)},${quote(r.description)},${r.prdtypecode}`),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
