import type { ObjectStore } from '../../core/storage/object-store';
import { fetchSnapshotBytes } from '../datasets/read-snapshot';
import type { SnapshotBytes } from '../datasets/read-snapshot';

/**
 * A buffer a thread can take over whole: a view that is all of its own ArrayBuffer as it is,
 * anything else (a slice of a larger buffer or of Node's pool) copied once.
 */
export function ownBuffer(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole =
    view.buffer instanceof ArrayBuffer &&
    view.byteOffset === 0 &&
    view.byteLength === view.buffer.byteLength;
  return whole ? (view as Uint8Array<ArrayBuffer>) : new Uint8Array(view);
}

/** A dataset version's snapshot as stored, with the buffer that moves to the thread with it. */
export async function snapshotHandover(
  store: ObjectStore,
  version: string,
): Promise<{ snapshot: SnapshotBytes; transfer: ArrayBuffer[] }> {
  const fetched = await fetchSnapshotBytes(store, version);
  const gzipped = ownBuffer(fetched.gzipped);
  return { snapshot: { ...fetched, gzipped }, transfer: [gzipped.buffer] };
}
