import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CATEGORY_CODES } from '../models/categories';
import { compileLexicon } from '../synthetic/compile';
import type { SyntheticProduct } from '../synthetic/index';
import {
  classShare,
  generateCatalogue,
  writeChallengeFiles,
  X_HEADER,
  Y_HEADER,
} from '../synthetic/index';

const ROWS = 5_000;
const sample: SyntheticProduct[] = [...generateCatalogue({ rows: ROWS, seed: 2024 })];

describe('synthetic catalogue', () => {
  it('gives the same rows for the same seed and other rows for another seed', () => {
    const again = [...generateCatalogue({ rows: ROWS, seed: 2024 })];
    assert.deepEqual(again, sample);
    const other = [...generateCatalogue({ rows: 200, seed: 2025 })];
    const same = other.filter((p, k) => p.designation === sample[k]!.designation).length;
    assert.ok(same < 10, `${same} of 200 titles equal across seeds`);
  });

  it('draws all 27 codes in the proportions of the real training set', () => {
    const counts = new Map<number, number>();
    for (const p of sample) counts.set(p.prdtypecode, (counts.get(p.prdtypecode) ?? 0) + 1);
    assert.deepEqual(
      [...counts.keys()].sort((a, b) => a - b),
      [...CATEGORY_CODES],
    );
    for (const code of CATEGORY_CODES) {
      const expected = classShare(code);
      const observed = counts.get(code)! / ROWS;
      // Five standard deviations of a binomial share: a real bug, not chance, fails this.
      const tolerance = 5 * Math.sqrt((expected * (1 - expected)) / ROWS);
      assert.ok(
        Math.abs(observed - expected) < tolerance,
        `${code}: ${observed.toFixed(4)} vs ${expected.toFixed(4)}`,
      );
    }
    assert.ok(counts.get(2583)! > 10 * counts.get(1180)!, 'as imbalanced as the real data');
  });

  it('leaves about a third of descriptions empty and writes some as HTML', () => {
    const empty = sample.filter((p) => p.description === '').length / ROWS;
    assert.ok(empty > 0.28 && empty < 0.42, `empty share ${empty}`);
    const descriptions = sample.map((p) => p.description);
    for (const marker of ['<p>', '<br />', '<ul><li>', '&eacute;', '&nbsp;']) {
      assert.ok(
        descriptions.some((d) => d.includes(marker)),
        `no description contains ${marker}`,
      );
    }
    assert.ok(
      sample.every((p) => p.designation.trim() !== ''),
      'every product has a title',
    );
  });

  it('damages some rows: mis-encoded characters, English and German rows', () => {
    const text = sample.map((p) => `${p.designation} ${p.description}`);
    assert.ok(text.some((t) => t.includes('¿')));
    assert.ok(
      text.some((t) => /\b(for|with|new)\b/i.test(t)),
      'no English row',
    );
    assert.ok(
      text.some((t) => /\b(und|mit|für|neu)\b/i.test(t)),
      'no German row',
    );
  });

  it('gives every row its own positive integer product and image ids', () => {
    for (const key of ['productid', 'imageid'] as const) {
      const ids = sample.map((p) => p[key]);
      assert.ok(ids.every((id) => Number.isSafeInteger(id) && id > 0));
      assert.equal(new Set(ids).size, ROWS, `${key} not unique`);
    }
  });

  it('rejects a row count or seed that is not an integer', () => {
    assert.throws(() => generateCatalogue({ rows: -1, seed: 1 }), RangeError);
    assert.throws(() => generateCatalogue({ rows: 10, seed: 0.5 }), RangeError);
  });

  it('names the slot a template uses but no list defines', () => {
    assert.throws(
      () =>
        compileLexicon('broken', {
          slots: {},
          titles: ['{nowhere} x'],
          sentences: ['y'],
          emptyDescription: 0,
        }),
      /unknown slot \{nowhere\}/,
    );
  });
});

describe('synthetic challenge files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-synthetic-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes X and Y in the challenge layout, and they parse back to the same rows', async () => {
    const rows = 3_000;
    const files = await writeChallengeFiles({ rows, seed: 11, outDir: dir });
    assert.equal(files.rows, rows);
    const xText = fs.readFileSync(files.xPath, 'utf8');
    const yText = fs.readFileSync(files.yPath, 'utf8');
    assert.ok(xText.startsWith(X_HEADER));
    assert.ok(yText.startsWith(Y_HEADER));
    assert.equal(X_HEADER, ',designation,description,productid,imageid\n');
    assert.equal(Y_HEADER, ',prdtypecode\n');

    const x = parse(xText);
    const y = parse(yText);
    assert.deepEqual(x[0], ['', 'designation', 'description', 'productid', 'imageid']);
    assert.deepEqual(y[0], ['', 'prdtypecode']);
    assert.equal(x.length, rows + 1);
    assert.equal(y.length, rows + 1);

    const expected = [...generateCatalogue({ rows, seed: 11 })];
    expected.forEach((p, k) => {
      assert.deepEqual(x[k + 1], [
        String(k),
        p.designation,
        p.description,
        String(p.productid),
        String(p.imageid),
      ]);
      assert.deepEqual(y[k + 1], [String(k), String(p.prdtypecode)]);
    });

    // The round trip is only worth something if the awkward fields were there to break it.
    const fields = expected.flatMap((p) => [p.designation, p.description]);
    for (const awkward of [',', '"', '\n']) {
      assert.ok(
        fields.some((f) => f.includes(awkward)),
        `no field contains ${JSON.stringify(awkward)}`,
      );
    }
  });

  it('writes empty files (headers only) for zero rows', async () => {
    const out = path.join(dir, 'empty');
    const files = await writeChallengeFiles({ rows: 0, seed: 1, outDir: out });
    assert.equal(fs.readFileSync(files.xPath, 'utf8'), X_HEADER);
    assert.equal(fs.readFileSync(files.yPath, 'utf8'), Y_HEADER);
  });
});
