/** A registry request that cannot be met as asked: a missing version, no previous champion. */
export class RegistryError extends Error {
  override name = 'RegistryError';
}
