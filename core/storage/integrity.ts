import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** Where an object lives, to name it in errors. */
export interface ObjectRef {
  bucket: string;
  key: string;
}

/**
 * An object whose bytes are not the ones recorded for it (replaced, truncated or corrupt): a
 * retry reads the same bytes, so nothing should retry it or use them.
 */
export class IntegrityError extends Error {
  override name = 'IntegrityError';

  constructor(
    readonly object: ObjectRef,
    readonly problem: string,
  ) {
    super(`${object.bucket}/${object.key} ${problem}; refusing to use it`);
  }

  static mismatch(object: ObjectRef, expected: string, actual: string): IntegrityError {
    return new IntegrityError(
      object,
      `does not match its recorded sha256 ${expected} (its bytes hash to ${actual})`,
    );
  }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Passes bytes through unchanged while hashing them, and fails with an IntegrityError at the
 * end if they do not hash to `expected`: a reader checks a stream in the pass that reads it.
 */
export function sha256Check(expected: string, object: ObjectRef): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(actual === expected ? null : IntegrityError.mismatch(object, expected, actual));
    },
  });
}
