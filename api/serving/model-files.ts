import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ModelArtifacts } from '../../models/artifacts';
import type { ModelVersionRow } from '../../activities/registry/versions';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

const ROLES = ['model', 'featurizer', 'card'] as const;

/**
 * A version's serving files, from the local cache when they are there and intact, else from
 * S3; either way each file's sha256 must match the one the registry recorded at export, so a
 * truncated download or a file replaced in the bucket is never served.
 */
export async function fetchModelFiles(
  store: ObjectStore,
  model: ModelVersionRow,
  cacheDir: string,
): Promise<ModelArtifacts> {
  const keys = model.artifacts;
  const sums = model.artifact_sha256;
  if (!keys || !sums) {
    throw new ModelLoadError(`model version ${model.version} records no artifacts or checksums`);
  }
  const dir = path.join(cacheDir, model.version);
  fs.mkdirSync(dir, { recursive: true });
  const files: Partial<Record<(typeof ROLES)[number], Buffer>> = {};
  for (const role of ROLES) {
    const key = keys[role];
    if (!key || !sums[role]) throw new ModelLoadError(`${model.version} has no ${role} file`);
    const cached = path.join(dir, path.basename(key));
    let bytes: Buffer | undefined = fs.existsSync(cached) ? fs.readFileSync(cached) : undefined;
    if (!bytes || sha256(bytes) !== sums[role]) {
      bytes = await readObject(store, store.buckets.models, key);
      if (sha256(bytes) !== sums[role]) {
        throw new ModelLoadError(`${key} does not match its recorded sha256 ${sums[role]}`);
      }
      // Written aside then renamed: a reader never sees half a file.
      fs.writeFileSync(`${cached}.part`, bytes);
      fs.renameSync(`${cached}.part`, cached);
    }
    files[role] = bytes;
  }
  return {
    onnx: files.model!,
    featurizer: files.featurizer!.toString('utf8'),
    card: files.card!.toString('utf8'),
  };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
