/** A source file that cannot be imported as a whole: a header or layout problem. */
export class SourceFormatError extends Error {
  override name = 'SourceFormatError';
}
