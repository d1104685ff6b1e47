import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvError } from 'csv-parse';

/** One CSV record of a source file, with where it sits in the file. */
export interface CsvRecord {
  /** 0-based record number after the header: the row's identity within its source. */
  row: number;
  /** 1-based line on which the record starts. */
  line: number;
  /** Byte offset at which the record starts. */
  offset: number;
  /** The record's exact bytes, as a latin1 string (one char per byte; see `fields`). */
  raw: string;
  /**
   * Fields as latin1 strings, one char per byte, so that invalid UTF-8 can be told apart from a
   * real U+FFFD later; null when the record could not be parsed.
   */
  fields: string[] | null;
  /** Why the record could not be parsed. */
  error?: string;
}

/** Where to start reading: the top of the file, or a record boundary found earlier. */
export interface ReadPosition {
  row: number;
  line: number;
  offset: number;
}

export const FILE_START: ReadPosition = { row: 0, line: 1, offset: 0 };

const HIGH_WATER = 500;
/** The UTF-8 byte order mark, read one char per byte. */
const LATIN1_BOM = '\u00ef\u00bb\u00bf';

/**
 * The records of a CSV byte stream, in order, each with its row number, line and byte offset.
 * Reading from a recorded boundary (`from`) gives the same records as reading the whole file.
 * Quotes in unquoted fields are kept as text, and a quote that is never closed swallows only
 * the line it opens: that line becomes one bad record and reading resumes on the next line.
 * With `header`, the first record is the header, returned by `onHeader` and not yielded.
 */
export async function* readCsvRecords(
  input: Readable,
  from: ReadPosition,
  options: { header: boolean; onHeader?: (fields: string[]) => void },
): AsyncGenerator<CsvRecord> {
  let position = { ...from };
  let header = options.header;
  let source: Readable = input;
  for (;;) {
    const queue: CsvRecord[] = [];
    let done = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    let unclosed: string | undefined;
    let consumed = 0;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    const start = { ...position };
    let line = start.line;
    let row = start.row;
    const parser = parse({
      // csv-parse's own BOM handling switches to UTF-8 decoding; the BOM is stripped below.
      bom: false,
      raw: true,
      encoding: 'latin1',
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED' && raw !== undefined) unclosed = raw;
        else {
          const text = raw ?? '';
          queue.push({
            row: row++,
            line,
            offset: start.offset + consumed,
            raw: text,
            fields: null,
            error: `not valid CSV: ${error?.message ?? 'unreadable record'}`,
          });
          consumed += Buffer.byteLength(text, 'latin1');
          line += countNewlines(text);
        }
        return undefined;
      },
    });
    parser.on('data', (item: { record: string[]; raw: string }) => {
      // latin1: one char per byte, so the raw text's length is the record's length in bytes;
      // counting it is much cheaper than csv-parse's per-record info objects.
      const offset = start.offset + consumed;
      const startLine = line;
      consumed += item.raw.length;
      line += countNewlines(item.raw);
      if (header) {
        header = false;
        const fields = [...item.record];
        if (start.offset === 0 && fields[0]?.startsWith(LATIN1_BOM)) fields[0] = fields[0].slice(3);
        options.onHeader?.(fields);
        return;
      }
      // A blank line is no row; it only moves the offsets on.
      if (item.record.length === 1 && item.record[0] === '' && item.raw.trim() === '') return;
      queue.push({ row: row++, line: startLine, offset, raw: item.raw, fields: item.record });
      if (queue.length >= HIGH_WATER) source.pause();
      notify();
    });
    parser.on('end', () => {
      done = true;
      notify();
    });
    parser.on('error', (error) => {
      failure = error;
      notify();
    });
    source.on('error', (error) => {
      failure = error;
      notify();
    });
    source.pipe(parser);
    while (!done || queue.length > 0) {
      if (failure) throw failure;
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const batch = queue.splice(0, queue.length);
      source.resume();
      for (const record of batch) yield record;
    }
    if (failure) throw failure;
    if (unclosed === undefined) return;
    // The unclosed quote's first line is the bad record; the rest is read again as CSV.
    const bad = firstLine(unclosed);
    const offset = start.offset + consumed;
    yield {
      row: row++,
      line,
      offset,
      raw: bad,
      fields: null,
      error: 'not valid CSV: a quote opened on this line is never closed',
    };
    const rest = unclosed.slice(bad.length);
    if (rest.length === 0) return;
    position = { row, line: line + 1, offset: offset + bad.length };
    source = Readable.from([Buffer.from(rest, 'latin1')]);
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end + 1);
}
