/**
 * How often a product is written like another category's product. On the marketplace a used
 * book listed as new, a garden table listed as furniture or a cushion filed under decoration
 * reads exactly like the other category; no model can get those right, which is what keeps a
 * linear model around the real data's 0.8–0.9 instead of at 1.0. Neighbours follow the real
 * confusions: books, video games, children's goods, garden and home.
 */
import type { CategoryCode } from '../models/categories';
import type { Rng } from '../models/random';

type Borrowing = readonly (readonly [CategoryCode, number])[];

export const BORROWING: Partial<Record<CategoryCode, Borrowing>> = {
  10: [
    [2705, 0.12],
    [2403, 0.04],
    [2280, 0.03],
    [2522, 0.01],
  ],
  2705: [
    [10, 0.12],
    [2403, 0.03],
  ],
  2403: [
    [10, 0.08],
    [2280, 0.08],
    [2705, 0.04],
  ],
  2280: [
    [2403, 0.06],
    [10, 0.04],
  ],
  40: [
    [2462, 0.12],
    [2905, 0.04],
    [50, 0.02],
    [60, 0.02],
  ],
  2462: [
    [40, 0.12],
    [60, 0.03],
    [50, 0.02],
  ],
  2905: [[40, 0.06]],
  60: [
    [50, 0.06],
    [40, 0.03],
  ],
  50: [
    [60, 0.05],
    [2905, 0.02],
    [40, 0.02],
  ],
  1280: [
    [1281, 0.08],
    [1302, 0.05],
    [1140, 0.03],
    [1300, 0.03],
    [1320, 0.02],
    [2220, 0.01],
  ],
  1281: [
    [1280, 0.1],
    [1160, 0.03],
    [1302, 0.02],
  ],
  1302: [
    [1280, 0.07],
    [2583, 0.03],
    [1281, 0.03],
    [1301, 0.02],
  ],
  1301: [
    [1281, 0.04],
    [1320, 0.03],
  ],
  1320: [
    [1280, 0.05],
    [1920, 0.02],
    [1301, 0.02],
  ],
  1140: [
    [1280, 0.05],
    [1180, 0.03],
    [2060, 0.02],
  ],
  1160: [
    [1281, 0.03],
    [1140, 0.02],
  ],
  1180: [
    [1140, 0.06],
    [1281, 0.04],
    [1300, 0.02],
  ],
  1300: [
    [1280, 0.05],
    [60, 0.01],
  ],
  1560: [
    [2582, 0.06],
    [2060, 0.04],
    [1920, 0.02],
    [2220, 0.01],
  ],
  2582: [
    [1560, 0.1],
    [2585, 0.04],
    [2583, 0.03],
  ],
  2585: [
    [2582, 0.04],
    [2583, 0.04],
  ],
  2583: [
    [2585, 0.03],
    [1302, 0.02],
    [2582, 0.02],
  ],
  2060: [
    [1920, 0.08],
    [1560, 0.04],
    [2582, 0.01],
    [1940, 0.01],
  ],
  1920: [
    [2060, 0.1],
    [1560, 0.02],
  ],
  1940: [[2060, 0.01]],
  2220: [
    [1560, 0.01],
    [1920, 0.01],
  ],
  2522: [
    [10, 0.02],
    [2060, 0.02],
  ],
};

/** The category whose lexicon writes a product of `code`: usually its own. */
export function createBorrower(
  borrowing: Partial<Record<CategoryCode, Borrowing>> = BORROWING,
): (code: CategoryCode, rng: Rng) => CategoryCode {
  return (code, rng) => {
    const neighbours = borrowing[code];
    if (!neighbours) return code;
    let r = rng.next();
    for (const [other, p] of neighbours) {
      if (r < p) return other;
      r -= p;
    }
    return code;
  };
}
