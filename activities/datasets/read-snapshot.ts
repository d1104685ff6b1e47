import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { IntegrityError, sha256Check } from '../../core/storage/integrity';
import type { ObjectRef } from '../../core/storage/integrity';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';
import { decodeLine, snapshotKey } from './snapshot-format';
import type { SnapshotRow } from './snapshot-format';

/** A snapshot's compressed bytes as stored, not yet checked: decodeSnapshot checks them. */
export interface SnapshotBytes {
  version: string;
  object: ObjectRef;
  gzipped: Uint8Array;
}

const snapshotObject = (store: ObjectStore, version: string): ObjectRef => ({
  bucket: store.buckets.datasets,
  key: snapshotKey(version),
});

/** Every row of a dataset version, in snapshot order, checked against the version as it streams. */
export async function readSnapshot(store: ObjectStore, version: string): Promise<SnapshotRow[]> {
  const object = snapshotObject(store, version);
  return decodeSnapshot(await store.client.getObject(object.bucket, object.key), version, object);
}

/** The stored bytes alone, fetched for a training thread, which decodes and checks them. */
export async function fetchSnapshotBytes(
  store: ObjectStore,
  version: string,
): Promise<SnapshotBytes> {
  const object = snapshotObject(store, version);
  return { version, object, gzipped: await readObject(store, object.bucket, object.key) };
}

/** decodeSnapshot over bytes already fetched. */
export function decodeSnapshotBytes(snapshot: SnapshotBytes): Promise<SnapshotRow[]> {
  return decodeSnapshot(Readable.from([snapshot.gzipped]), snapshot.version, snapshot.object);
}

/**
 * The rows of a gzipped snapshot stream. A version is the sha256 of the uncompressed lines, so
 * they are hashed in the same pass that parses them, and the rows are returned only if the
 * hash is the version: a replaced or corrupt snapshot is an IntegrityError naming the object.
 */
export async function decodeSnapshot(
  gzipped: Readable,
  version: string,
  object: ObjectRef,
): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  // A tampered file may not even parse; the hash's verdict, which comes last, is the one told.
  let unparsable: Error | undefined;
  const parse = (line: string) => {
    if (line === '' || unparsable) return;
    try {
      rows.push(decodeLine(line, rows.length));
    } catch (error) {
      unparsable = error as Error;
    }
  };
  try {
    await pipeline(
      gzipped,
      createGunzip(),
      sha256Check(version, object),
      async (lines: AsyncIterable<Buffer>) => {
        const decoder = new StringDecoder('utf8');
        let rest = '';
        for await (const chunk of lines) {
          const text = rest + decoder.write(chunk);
          const cut = text.lastIndexOf('\n');
          if (cut < 0) {
            rest = text;
            continue;
          }
          for (const line of text.slice(0, cut).split('\n')) parse(line);
          rest = text.slice(cut + 1);
        }
        parse(rest + decoder.end());
      },
    );
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('Z_')) {
      throw new IntegrityError(
        object,
        `is not a readable gzip stream (${(error as Error).message})`,
      );
    }
    throw error;
  }
  if (unparsable) throw unparsable;
  return rows;
}
