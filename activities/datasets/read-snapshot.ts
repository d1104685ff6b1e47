import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { ObjectStore } from '../../core/storage/object-store';
import { decodeLine, snapshotKey } from './snapshot-format';
import type { SnapshotRow } from './snapshot-format';

/** Every row of a dataset version, in snapshot order. */
export async function readSnapshot(store: ObjectStore, version: string): Promise<SnapshotRow[]> {
  const stream = await store.client.getObject(store.buckets.datasets, snapshotKey(version));
  const lines = readline.createInterface({
    input: stream.pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const rows: SnapshotRow[] = [];
  for await (const line of lines) if (line !== '') rows.push(decodeLine(line, rows.length));
  return rows;
}
