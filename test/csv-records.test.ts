import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { FILE_START, readCsvRecords } from '../activities/ingest/csv-records';
import type { CsvRecord, ReadPosition } from '../activities/ingest/csv-records';
import { createRng } from '../models/random';
import type { Rng } from '../models/random';
import { writeChallengeFiles } from '../synthetic';

const REAL = path.join(__dirname, '..', '..', 'shared', 'data', 'rakuten');

/** The bytes as a stream cut into pieces of random sizes, so records straddle the cuts. */
function piecewise(bytes: Buffer, random: Rng): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random.next() * 64);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(pieces);
}

async function read(
  input: Readable,
  fast: boolean,
  from: ReadPosition = FILE_START,
): Promise<{ header?: string[]; records: CsvRecord[] }> {
  let header: string[] | undefined;
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(input, from, {
    header: from.offset === 0,
    onHeader: (fields) => (header = fields),
    fast,
  })) {
    // The fast scan decodes valid UTF-8 at once; csv-parse's fields stay one char per byte.
    const { utf8, ...rest } = record;
    records.push({
      ...rest,
      fields: utf8
        ? rest.fields!.map((f) => Buffer.from(f, 'utf8').toString('latin1'))
        : rest.fields,
    } as CsvRecord);
  }
  return { header, records };
}

/** Random CSV, heavy in the bytes that matter: quotes, commas, line breaks, non-ASCII. */
function randomCsv(random: Rng): Buffer {
  const alphabet = [
    'a',
    'b',
    ' ',
    ',',
    ',',
    '"',
    '"',
    '""',
    '\n',
    '\n',
    '\r',
    '\r\n',
    'é',
    '\u00ff',
  ];
  const parts: string[] = ['id,designation,description\n'];
  const rows = 1 + Math.floor(random.next() * 30);
  for (let r = 0; r < rows; r++) {
    const fields: string[] = [];
    for (let f = 0; f < 3; f++) {
      const quoted = random.next() < 0.5;
      let text = '';
      const n = Math.floor(random.next() * 8);
      for (let i = 0; i < n; i++) {
        // Mostly well-formed fields, with the odd stray character that makes a record irregular.
        const c = alphabet[Math.floor(random.next() * alphabet.length)]!;
        if (random.next() < 0.9 && quoted) text += c === '"' ? '""' : c;
        else if (random.next() < 0.9 && !quoted) text += /[",\r\n]/.test(c) ? 'x' : c;
        else text += c;
      }
      fields.push(quoted ? `"${text}"` : text);
    }
    parts.push(fields.join(',') + (random.next() < 0.95 ? '\n' : ''));
  }
  return Buffer.from(parts.join(''), random.next() < 0.5 ? 'utf8' : 'latin1');
}

describe('CSV records: the fast scan reads what csv-parse reads', () => {
  it('on 3,000 random files, clean and broken, cut anywhere', async () => {
    const random = createRng(7);
    let irregular = 0;
    for (let i = 0; i < 3_000; i++) {
      const bytes = randomCsv(random);
      const seed = Math.floor(random.next() * 1e9);
      const expected = await read(piecewise(bytes, createRng(seed)), false);
      const actual = await read(piecewise(bytes, createRng(seed + 1)), true);
      assert.deepEqual(actual, expected, `file ${i}: ${JSON.stringify(bytes.toString('latin1'))}`);
      if (expected.records.some((r) => r.fields === null)) irregular++;
    }
    // The files must exercise the hand-over to csv-parse, not only the fast path.
    assert.ok(irregular > 100, `only ${irregular} files with an unreadable record`);
  });

  it('on synthetic challenge files, from the top and from a record boundary', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-records-'));
    try {
      const files = await writeChallengeFiles({ rows: 3_000, seed: 5, outDir: dir });
      const bytes = fs.readFileSync(files.xPath);
      const expected = await read(Readable.from([bytes]), false);
      const actual = await read(piecewise(bytes, createRng(1)), true);
      assert.deepEqual(actual, expected);
      assert.equal(actual.records.length, 3_000);
      const middle = expected.records[1_234]!;
      const tail = await read(Readable.from([bytes.subarray(middle.offset)]), true, middle);
      assert.deepEqual(tail.records, expected.records.slice(1_234));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on the real challenge files', async () => {
    for (const name of ['X_sample.csv', 'raw.csv', 'titles.csv']) {
      const bytes = fs.readFileSync(path.join(REAL, name));
      const expected = await read(Readable.from([bytes]), false);
      const actual = await read(piecewise(bytes, createRng(3)), true);
      assert.deepEqual(actual, expected, name);
      assert.ok(actual.records.length > 800, name);
    }
  });
});
