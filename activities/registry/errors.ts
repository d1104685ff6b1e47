/** A registry request that cannot be met as asked: a missing version, no previous champion. */
export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** A rollback to a version trained on sources retired since, asked for without force. */
export class RetiredDataError extends RegistryError {
  override name = 'RetiredDataError';
  constructor(
    readonly version: string,
    /** The retired (or deleted) sources, as they read in a message. */
    readonly sources: string[],
  ) {
    super(
      `rollback refused: ${version} was trained on retired source(s) ${sources.join(', ')}; force it to roll back anyway`,
    );
  }
}
