import { Client } from 'minio';
import type { Config } from '../config/config';
import { BUCKET_KINDS, bucketNames } from './buckets';
import type { Buckets } from './buckets';

/** The S3 client together with the bucket names of this deployment. */
export interface ObjectStore {
  client: Client;
  buckets: Buckets;
}

export function createObjectStore(s3: Config['s3'], deployment: string): ObjectStore {
  const url = new URL(s3.endpoint);
  const useSSL = url.protocol === 'https:';
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: s3.region,
    // SeaweedFS and MinIO serve buckets by path, not by virtual host.
    pathStyle: true,
    // A multipart upload holds a part in memory: 8 MiB rather than the default 64 keeps an
    // import of a large file in little memory (S3's minimum part is 5 MiB).
    partSize: 8 * 1024 * 1024,
  });
  return { client, buckets: bucketNames(deployment) };
}

/** Creates the buckets that are missing; returns the ones it created. */
export async function ensureBuckets(store: ObjectStore, region: string): Promise<string[]> {
  const created: string[] = [];
  for (const kind of BUCKET_KINDS) {
    const name = store.buckets[kind];
    if (await store.client.bucketExists(name)) continue;
    try {
      await store.client.makeBucket(name, region);
      created.push(name);
    } catch (error) {
      // Another process may have created it in between; that is the state we wanted.
      const code = (error as { code?: string }).code;
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
    }
  }
  return created;
}
