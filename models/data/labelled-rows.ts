import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isCategoryCode } from '../categories';
import { DatasetError } from '../errors';

export interface LabelledRow {
  designation: string;
  description: string;
  prdtypecode: number;
  /** 1-based line in the file the row came from, for messages. */
  line: number;
  id?: string;
}

export interface SkippedRow {
  file: string;
  line: number;
  reason: string;
}

export interface Dataset {
  rows: LabelledRow[];
  skipped: SkippedRow[];
}

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number };
}

/** Parses a CSV with a header line; records that do not parse are skipped and reported by line. */
function readCsv(
  file: string,
  skipped: SkippedRow[],
): { columns: string[]; records: ParsedRecord[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (text.trim() === '') throw new DatasetError(`${file} is empty`);
  let columns: string[] = [];
  const records = parse<ParsedRecord>(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    columns: (header: string[]) => {
      columns = header.map((h) => h.trim());
      // The challenge's files start with an unnamed index column.
      return columns.map((c, i) => (c === '' && i === 0 ? '__index' : c));
    },
    on_skip: (error: { lines?: number; message: string } | undefined) => {
      skipped.push({
        file,
        line: error?.lines ?? 0,
        reason: `not valid CSV (${error?.message ?? 'unknown error'})`,
      });
    },
  });
  if (columns.length === 0) throw new DatasetError(`${file} has no header line`);
  return { columns, records };
}

function requireColumns(file: string, columns: string[], required: string[]): void {
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new DatasetError(
      `${file} has no ${missing.map((m) => `\`${m}\``).join(', ')} column (columns: ${columns.map((c) => c || '(unnamed)').join(', ')})`,
    );
  }
}

/** Checks a row's label and title; returns why it must be skipped, if it must. */
function rejectReason(
  designation: string | undefined,
  code: string | undefined,
): string | undefined {
  if (!designation || designation.trim() === '') return 'empty designation';
  if (code === undefined || code.trim() === '') return 'missing prdtypecode';
  const n = Number(code);
  if (!Number.isInteger(n) || !isCategoryCode(n))
    return `unknown prdtypecode ${JSON.stringify(code)}`;
  return undefined;
}

/** The simple labelled layout: `designation`, optional `description`, `prdtypecode`, optional `id`. */
export function readLabelledCsv(file: string): Dataset {
  const skipped: SkippedRow[] = [];
  const { columns, records } = readCsv(file, skipped);
  requireColumns(file, columns, ['designation', 'prdtypecode']);
  const rows: LabelledRow[] = [];
  for (const { record, info } of records) {
    const reason = rejectReason(record.designation, record.prdtypecode);
    if (reason) {
      skipped.push({ file, line: info.lines, reason });
      continue;
    }
    rows.push({
      designation: record.designation!,
      description: record.description ?? '',
      prdtypecode: Number(record.prdtypecode),
      line: info.lines,
      ...(record.id !== undefined ? { id: record.id } : {}),
    });
  }
  return finish(file, rows, skipped);
}

/**
 * The challenge's own pair: X (`,designation,description,productid,imageid`) and Y
 * (`,prdtypecode`), joined on their first, unnamed index column.
 */
export function readChallengePair(xFile: string, yFile: string): Dataset {
  const skipped: SkippedRow[] = [];
  const x = readCsv(xFile, skipped);
  requireColumns(xFile, x.columns, ['designation', 'description']);
  if (x.columns[0] !== '')
    throw new DatasetError(
      `${xFile} does not start with the unnamed index column of the challenge layout`,
    );
  const y = readCsv(yFile, skipped);
  requireColumns(yFile, y.columns, ['prdtypecode']);
  if (y.columns[0] !== '')
    throw new DatasetError(
      `${yFile} does not start with the unnamed index column of the challenge layout`,
    );

  const labels = new Map<string, string>();
  for (const { record } of y.records) labels.set(record.__index!, record.prdtypecode!);
  const rows: LabelledRow[] = [];
  for (const { record, info } of x.records) {
    const index = record.__index!;
    if (!labels.has(index)) {
      skipped.push({
        file: xFile,
        line: info.lines,
        reason: `no label in ${yFile} for index ${index}`,
      });
      continue;
    }
    const reason = rejectReason(record.designation, labels.get(index));
    if (reason) {
      skipped.push({ file: xFile, line: info.lines, reason });
      continue;
    }
    rows.push({
      designation: record.designation!,
      description: record.description ?? '',
      prdtypecode: Number(labels.get(index)),
      line: info.lines,
      id: index,
    });
  }
  return finish(xFile, rows, skipped);
}

function finish(file: string, rows: LabelledRow[], skipped: SkippedRow[]): Dataset {
  if (rows.length === 0) {
    const why =
      skipped.length > 0 ? `; first problem: line ${skipped[0]!.line}: ${skipped[0]!.reason}` : '';
    throw new DatasetError(`${file} has no usable labelled rows${why}`);
  }
  return { rows, skipped };
}
