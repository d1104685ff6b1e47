/** The kinds of object the pipeline stores, one bucket each. */
export const BUCKET_KINDS = ['raw', 'images', 'datasets', 'models', 'reports'] as const;
export type BucketKind = (typeof BUCKET_KINDS)[number];
export type Buckets = Record<BucketKind, string>;

/** Bucket names carry the deployment name, so several deployments can share one S3 account. */
export function bucketNames(deployment: string): Buckets {
  return Object.fromEntries(BUCKET_KINDS.map((kind) => [kind, `${deployment}-${kind}`])) as Buckets;
}
