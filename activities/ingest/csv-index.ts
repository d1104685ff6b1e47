import fs from 'node:fs';
import { FILE_START, fieldText, readCsvBatches, readCsvRecords } from './csv-records';
import type { ReadPosition } from './csv-records';

/** Rows between two recorded read positions: a batch reads at most this many rows it skips. */
export const INDEX_EVERY_ROWS = 1_000;

export interface CsvIndex {
  header: string[];
  rowCount: number;
  /** A read position every INDEX_EVERY_ROWS rows, the first at row 0. */
  positions: ReadPosition[];
}

/** One streaming pass over a CSV file: its header, its number of records and read positions. */
export async function indexCsv(file: string): Promise<CsvIndex> {
  let header: string[] | undefined;
  let rowCount = 0;
  const positions: ReadPosition[] = [];
  // Small reads: csv-parse turns each into a burst of records, and a large burst outlives the
  // young generation, so its garbage would pile up in the old one.
  const input = fs.createReadStream(file, { highWaterMark: 1 << 16 });
  for await (const batch of readCsvBatches(input, FILE_START, {
    header: true,
    onHeader: (fields) => (header = fields),
  })) {
    for (const record of batch) {
      if (record.row % INDEX_EVERY_ROWS === 0) {
        positions.push({ row: record.row, line: record.line, offset: record.offset });
      }
      rowCount = record.row + 1;
    }
  }
  return { header: header ?? [], rowCount, positions };
}

/** Every record of a small CSV file, for the Y file's labels: (index, code) pairs as text. */
export async function* readLabelPairs(
  file: string,
  onHeader: (fields: string[]) => void,
): AsyncGenerator<
  { line: number; row: number; index: string; code: string } | { line: number; error: string }
> {
  const input = fs.createReadStream(file, { highWaterMark: 1 << 16 });
  for await (const record of readCsvRecords(input, FILE_START, { header: true, onHeader })) {
    if (!record.fields || record.fields.length !== 2) {
      yield { line: record.line, error: record.error ?? 'expected 2 fields' };
      continue;
    }
    const index = fieldText(record, 0);
    const code = fieldText(record, 1);
    if (index === undefined || code === undefined) {
      yield { line: record.line, error: 'not valid UTF-8' };
      continue;
    }
    yield { line: record.line, row: record.row, index: index.trim(), code: code.trim() };
  }
}
