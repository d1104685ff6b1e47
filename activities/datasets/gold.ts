import { createHash } from 'node:crypto';

/** Share of products in the gold holdout. */
export const GOLD_FRACTION = 0.1;

/**
 * Whether a product is in the gold holdout: a pure function of its identity, so membership
 * never changes as data grows, every model version is scored on the same products, and none of
 * them was ever trained on one.
 */
export function isGold(productKey: string): boolean {
  const digest = createHash('sha256').update(productKey).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < GOLD_FRACTION;
}

/** A product's identity: its productid when the file gives one, else its source and row. */
export function productKey(row: {
  productid: string | null;
  source_id: string;
  row_number: number;
}): string {
  return row.productid !== null ? `p:${row.productid}` : `r:${row.source_id}:${row.row_number}`;
}
