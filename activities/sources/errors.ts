/** A change to a source that cannot be made as asked: the message is the whole story. */
export class SourceStateError extends Error {
  override name = 'SourceStateError';
  constructor(
    message: string,
    /** `not_found`: no such source; `conflict`: it exists, and cannot change now. */
    readonly reason: 'not_found' | 'conflict',
  ) {
    super(message);
  }
}
