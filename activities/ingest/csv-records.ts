import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvError } from 'csv-parse';
import { scanRecords } from './csv-fast-scan';

/** One CSV record of a source file, with where it sits in the file. */
export interface CsvRecord {
  /** 0-based record number after the header: the row's identity within its source. */
  row: number;
  /** 1-based line on which the record starts. */
  line: number;
  /** Byte offset at which the record starts. */
  offset: number;
  /** The record's exact bytes. */
  raw: Buffer;
  /**
   * Fields as UTF-8 text when `utf8`, else as latin1 strings, one char per byte, so that invalid
   * UTF-8 can be told apart from a real U+FFFD later (read them with `fieldText`); null when the
   * record could not be parsed.
   */
  fields: string[] | null;
  utf8: boolean;
  /** Why the record could not be parsed. */
  error?: string;
}

/** A field as the UTF-8 text it holds, or undefined if its bytes are not UTF-8. */
export function fieldText(record: CsvRecord, i: number): string | undefined {
  const field = record.fields?.[i];
  if (field === undefined || record.utf8) return field;
  const bytes = Buffer.from(field, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}

/** Where to start reading: the top of the file, or a record boundary found earlier. */
export interface ReadPosition {
  row: number;
  line: number;
  offset: number;
}

export const FILE_START: ReadPosition = { row: 0, line: 1, offset: 0 };

const HIGH_WATER = 500;

/**
 * Bytes held back for an incomplete record before csv-parse takes over: a record this long is
 * rare enough (fields are capped far below it) that the slow path may have it.
 */
const MAX_PENDING_BYTES = 8 << 20;

interface ReadOptions {
  header: boolean;
  onHeader?: (fields: string[]) => void;
  /** False: csv-parse reads every record (the reference the fast scan is tested against). */
  fast?: boolean;
}

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
  options: ReadOptions,
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(input, from, options)) yield* batch;
}

/**
 * The records of `readCsvRecords` a few hundred at a time: one await per record would cost
 * more than finding it. Regular records are found by a fast scan; from the first one it does
 * not handle on, csv-parse reads the rest.
 */
export async function* readCsvBatches(
  input: Readable,
  from: ReadPosition,
  options: ReadOptions,
): AsyncGenerator<CsvRecord[]> {
  const state = { position: { ...from }, header: options.header };
  if (options.fast === false) {
    yield* parseRecords(input, state, options, undefined);
    return;
  }
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer = Buffer.alloc(0);
  let eof = false;
  let lfKnown = false;
  for (;;) {
    if (!eof) {
      const next = await chunks.next();
      if (next.done) eof = true;
      else pending = pending.length === 0 ? next.value : Buffer.concat([pending, next.value]);
    }
    const scan = scanRecords(pending, 0, eof, lfKnown);
    const batch: CsvRecord[] = [];
    for (const found of scan.records) {
      // A view, not a copy: only a rejected record's bytes are ever read.
      const raw = pending.subarray(found.start, found.end);
      const record = nextRecord(state, options, found.fields, found.utf8, raw, found.newlines);
      if (record) batch.push(record);
      lfKnown ||= pending[found.end - 1] === 0x0a;
    }
    if (batch.length > 0) yield batch;
    pending = pending.subarray(scan.next);
    if (scan.stop === 'end') return;
    if (scan.stop === 'irregular' || pending.length > MAX_PENDING_BYTES) break;
  }
  const held = pending;
  async function* rest(): AsyncGenerator<Buffer> {
    if (held.length > 0) yield held;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  // The delimiter csv-parse found at the top of the file still holds; left to itself it would
  // look for one again from here.
  yield* parseRecords(Readable.from(rest()), state, options, lfKnown ? '\n' : undefined);
}

interface ReadState {
  position: ReadPosition;
  header: boolean;
}

/** Moves past one record; the record to yield, or undefined for the header or a blank line. */
function nextRecord(
  state: ReadState,
  options: ReadOptions,
  fields: string[],
  utf8: boolean,
  raw: Buffer,
  newlines: number,
): CsvRecord | undefined {
  const { row, line, offset } = state.position;
  state.position = { row, line: line + newlines, offset: offset + raw.length };
  if (state.header) {
    state.header = false;
    const names = utf8 ? [...fields] : fields.map((f) => Buffer.from(f, 'latin1').toString('utf8'));
    if (offset === 0 && names[0]?.startsWith('\ufeff')) names[0] = names[0].slice(1);
    options.onHeader?.(names);
    return undefined;
  }
  // A blank line is no row; it only moves the offsets on.
  if (fields.length === 1 && fields[0] === '' && raw.toString('latin1').trim() === '') {
    return undefined;
  }
  state.position.row = row + 1;
  return { row, line, offset, raw, fields, utf8 };
}

/** The records csv-parse reads from `input`, moving `state` on as the fast scan does. */
async function* parseRecords(
  input: Readable,
  state: ReadState,
  options: ReadOptions,
  recordDelimiter: string | undefined,
): AsyncGenerator<CsvRecord[]> {
  let source: Readable = input;
  let delimiter = recordDelimiter;
  for (;;) {
    const queue: CsvRecord[] = [];
    let done = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    let unclosed: string | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    const parser = parse({
      // csv-parse's own BOM handling switches to UTF-8 decoding; the BOM is stripped below.
      bom: false,
      raw: true,
      encoding: 'latin1',
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      ...(delimiter === undefined ? {} : { record_delimiter: delimiter }),
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED' && raw !== undefined) unclosed = raw;
        else {
          const text = raw ?? '';
          const { row, line, offset } = state.position;
          queue.push({
            row,
            line,
            offset,
            raw: Buffer.from(text, 'latin1'),
            fields: null,
            utf8: false,
            error: `not valid CSV: ${error?.message ?? 'unreadable record'}`,
          });
          state.position = {
            row: row + 1,
            line: line + countNewlines(text),
            offset: offset + Buffer.byteLength(text, 'latin1'),
          };
        }
        return undefined;
      },
    });
    parser.on('data', (item: { record: string[]; raw: string }) => {
      const raw = Buffer.from(item.raw, 'latin1');
      const record = nextRecord(state, options, item.record, false, raw, countNewlines(item.raw));
      if (!record) return;
      queue.push(record);
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
      yield batch;
    }
    if (failure) throw failure;
    if (unclosed === undefined) return;
    // The rest is the same file: the delimiter csv-parse found in it still holds.
    delimiter ??= parser.options.record_delimiter[0]?.toString('latin1');
    // The unclosed quote's first line is the bad record; the rest is read again as CSV.
    const bad = firstLine(unclosed);
    const { row, line, offset } = state.position;
    yield [
      {
        row,
        line,
        offset,
        raw: Buffer.from(bad, 'latin1'),
        fields: null,
        utf8: false,
        error: 'not valid CSV: a quote opened on this line is never closed',
      },
    ];
    const rest = unclosed.slice(bad.length);
    state.position = { row: row + 1, line: line + 1, offset: offset + bad.length };
    if (rest.length === 0) return;
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
