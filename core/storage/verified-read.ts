import { createHash } from 'node:crypto';
import { IntegrityError } from './integrity';
import type { ObjectStore } from './object-store';

/** A whole object, as bytes, hashed as it streams in; refused unless it hashes to `sha256`. */
export async function readVerifiedObject(
  store: ObjectStore,
  bucket: string,
  key: string,
  sha256: string,
): Promise<Buffer> {
  const stream = await store.client.getObject(bucket, key);
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  for await (const part of stream) {
    hash.update(part as Buffer);
    parts.push(part as Buffer);
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) throw IntegrityError.mismatch({ bucket, key }, sha256, actual);
  return Buffer.concat(parts);
}
