import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../core/config/config';
import { CATEGORIES, CATEGORY_CODES, isCategoryCode } from '../models/categories';

describe('product-type codes', () => {
  it('are the 27 codes of the real challenge data, with their names', () => {
    const real = JSON.parse(
      fs.readFileSync(
        path.join(PROJECT_ROOT, '..', 'shared', 'data', 'rakuten', 'categories.json'),
        'utf8',
      ),
    ) as Record<string, string>;
    assert.equal(CATEGORY_CODES.length, 27);
    assert.deepEqual(
      CATEGORY_CODES.map(String),
      Object.keys(real).sort((a, b) => Number(a) - Number(b)),
    );
    for (const code of CATEGORY_CODES) assert.equal(CATEGORIES[code], real[String(code)]);
    assert.ok(isCategoryCode(2583));
    assert.ok(!isCategoryCode(2584));
  });
});
