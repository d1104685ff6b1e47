/**
 * Class sizes of the real training set (84,916 rows), used as sampling weights so that synthetic
 * data is as imbalanced as the real data: 2583 is 13 times larger than 1180.
 */
import type { CategoryCode } from '../models/categories';
import { CATEGORY_CODES } from '../models/categories';
import type { Rng } from '../models/random';

export const CLASS_WEIGHTS = {
  10: 3116,
  40: 2508,
  50: 1681,
  60: 832,
  1140: 2671,
  1160: 3953,
  1180: 764,
  1280: 4870,
  1281: 2070,
  1300: 5045,
  1301: 807,
  1302: 2491,
  1320: 3241,
  1560: 5073,
  1920: 4303,
  1940: 803,
  2060: 4993,
  2220: 824,
  2280: 4760,
  2403: 4774,
  2462: 1421,
  2522: 4989,
  2582: 2589,
  2583: 10209,
  2585: 2496,
  2705: 2761,
  2905: 872,
} as const satisfies Record<CategoryCode, number>;

const TOTAL = CATEGORY_CODES.reduce((sum, code) => sum + CLASS_WEIGHTS[code], 0);

/** Share of each code in the real training set. */
export function classShare(code: CategoryCode): number {
  return CLASS_WEIGHTS[code] / TOTAL;
}

/** Draws codes in proportion to CLASS_WEIGHTS. */
export function createClassSampler(): (rng: Rng) => CategoryCode {
  const cumulative = new Float64Array(CATEGORY_CODES.length);
  let sum = 0;
  CATEGORY_CODES.forEach((code, k) => {
    sum += CLASS_WEIGHTS[code] / TOTAL;
    cumulative[k] = sum;
  });
  const last = CATEGORY_CODES.length - 1;
  return (rng) => {
    const r = rng.next();
    for (let k = 0; k < last; k++) if (r < cumulative[k]!) return CATEGORY_CODES[k]!;
    return CATEGORY_CODES[last]!;
  };
}
