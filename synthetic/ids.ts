/**
 * Product and image ids: plausible positive integers that are unique per row without remembering
 * the ids already given (a catalogue of millions of rows streams in constant memory). Each is a
 * seeded bijection of the row index, so distinct rows can never collide.
 */
import { createRng } from '../models/random';

const IMAGE_BITS = 30;
const IMAGE_MASK = (1 << IMAGE_BITS) - 1;
/** Real image ids are between about 10^8 and 1.3 × 10^9. */
const IMAGE_BASE = 100_000_000;

/** The most rows ids stay unique for: the image id bijection works on 30 bits. */
export const MAX_ROWS = 2 ** IMAGE_BITS;

/** A bijection of 32-bit integers (xor-shifts and odd multipliers are each invertible). */
function permute32(x: number, key: number): number {
  x = (x ^ key) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** The same on 30 bits: the multiplications are taken modulo 2^30. */
function permute30(x: number, key: number): number {
  x = (x ^ key) & IMAGE_MASK;
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) & IMAGE_MASK;
  x = Math.imul(x ^ (x >>> 12), 0x297a2d39) & IMAGE_MASK;
  return (x ^ (x >>> 15)) & IMAGE_MASK;
}

export interface IdMaker {
  productId(row: number): number;
  imageId(row: number): number;
}

export function createIdMaker(seed: number): IdMaker {
  // Keys of their own, so ids do not shift when the text generator draws differently.
  const keys = createRng(seed ^ 0x5bd1e995);
  const productKey = Math.floor(keys.next() * 2 ** 32);
  const imageKey = Math.floor(keys.next() * 2 ** 30);
  return {
    productId: (row) => permute32(row, productKey) + 1,
    imageId: (row) => permute30(row, imageKey) + IMAGE_BASE,
  };
}
