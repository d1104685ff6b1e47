/**
 * A problem the user can fix, told in one line: which port, folder or binary, and which variable
 * changes it. The CLI prints the message alone, without a stack trace.
 */
export class StackError extends Error {
  override name = 'StackError';
}
