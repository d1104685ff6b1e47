import fs from 'node:fs';
import path from 'node:path';
import type { ModelArtifacts } from '../../models/artifacts';
import { sha256Hex } from './integrity';
import type { ObjectStore } from './object-store';
import { readVerifiedObject } from './verified-read';

/** What the registry records of a version's files: their keys and sha256, by role. */
export interface ArtifactRecord {
  version: string;
  artifacts: Record<string, string> | null;
  artifact_sha256: Record<string, string> | null;
}

/** A version whose record does not say which bytes its files must be: nothing can verify them. */
export class ArtifactRecordError extends Error {
  override name = 'ArtifactRecordError';
}

const ROLES = ['model', 'featurizer', 'card'] as const;

/**
 * A version's three serving files, each checked against the sha256 the registry recorded for
 * it, so a truncated download or a file replaced in the bucket is never loaded. The worker and
 * the API both load models through this. With a `cacheDir`, verified files are kept there and
 * a cached file is used only while it still matches.
 */
export async function fetchModelArtifacts(
  store: ObjectStore,
  record: ArtifactRecord,
  options: { cacheDir?: string } = {},
): Promise<ModelArtifacts> {
  const { version, artifacts: keys, artifact_sha256: sums } = record;
  const files: Partial<Record<(typeof ROLES)[number], Buffer>> = {};
  for (const role of ROLES) {
    const key = keys?.[role];
    const sum = sums?.[role];
    if (!key || !sum) {
      throw new ArtifactRecordError(
        `model version ${version} records no ${key ? 'sha256' : 'key'} for its ${role} file, so it cannot be verified`,
      );
    }
    files[role] = options.cacheDir
      ? await cachedRead(store, key, sum, path.join(options.cacheDir, version))
      : await readVerifiedObject(store, store.buckets.models, key, sum);
  }
  return {
    onnx: files.model!,
    featurizer: files.featurizer!.toString('utf8'),
    card: files.card!.toString('utf8'),
  };
}

async function cachedRead(
  store: ObjectStore,
  key: string,
  sum: string,
  dir: string,
): Promise<Buffer> {
  fs.mkdirSync(dir, { recursive: true });
  const cached = path.join(dir, path.basename(key));
  if (fs.existsSync(cached)) {
    const bytes = fs.readFileSync(cached);
    if (sha256Hex(bytes) === sum) return bytes;
  }
  const bytes = await readVerifiedObject(store, store.buckets.models, key, sum);
  // Written aside then renamed: a reader never sees half a file.
  fs.writeFileSync(`${cached}.part`, bytes);
  fs.renameSync(`${cached}.part`, cached);
  return bytes;
}
