import { readChallengePair, readLabelledCsv } from '../../models/data/labelled-rows';
import type { LabelledRow, SkippedRow } from '../../models/data/labelled-rows';
import { UserError } from '../user-error';

export interface DataOptions {
  data?: string[];
  x?: string;
  y?: string;
}

const SHOWN = 20;

/**
 * Reads every file the command was given. Bad rows are skipped, but never silently: each is
 * reported on stderr with its file and line, and counted.
 */
export function readData(options: DataOptions): LabelledRow[] {
  if ((options.x === undefined) !== (options.y === undefined)) {
    throw new UserError('--x and --y go together: the challenge X file and its Y file');
  }
  if (!options.data?.length && !options.x)
    throw new UserError('no data: give --data FILE or --x X.csv --y Y.csv');
  const rows: LabelledRow[] = [];
  const skipped: SkippedRow[] = [];
  for (const file of options.data ?? []) {
    const read = readLabelledCsv(file);
    rows.push(...read.rows);
    skipped.push(...read.skipped);
  }
  if (options.x && options.y) {
    const read = readChallengePair(options.x, options.y);
    rows.push(...read.rows);
    skipped.push(...read.skipped);
  }
  for (const s of skipped.slice(0, SHOWN))
    process.stderr.write(`skipped ${s.file} line ${s.line}: ${s.reason}\n`);
  if (skipped.length > SHOWN)
    process.stderr.write(`... and ${skipped.length - SHOWN} more skipped rows\n`);
  process.stderr.write(
    `read ${rows.length} rows${skipped.length > 0 ? `, skipped ${skipped.length}` : ''}\n`,
  );
  return rows;
}
