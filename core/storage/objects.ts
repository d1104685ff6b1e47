import type { ObjectStore } from './object-store';

/** A whole object, as bytes. */
export async function readObject(store: ObjectStore, bucket: string, key: string): Promise<Buffer> {
  const stream = await store.client.getObject(bucket, key);
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Writes an object whole, with its content type; text is stored as UTF-8. */
export async function putObject(
  store: ObjectStore,
  bucket: string,
  key: string,
  body: Buffer | string,
  contentType: string,
): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  await store.client.putObject(bucket, key, bytes, bytes.length, { 'Content-Type': contentType });
}
