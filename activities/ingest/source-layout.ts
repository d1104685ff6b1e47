import type { SourceFormat } from '../../core/db/schema';
import { SourceFormatError } from './errors';

/** Which field of a record holds what, found from the file's header. */
export interface SourceLayout {
  format: SourceFormat;
  header: string[];
  index?: number;
  designation: number;
  description?: number;
  productid?: number;
  imageid?: number;
  prdtypecode?: number;
}

const CHALLENGE_X = ['designation', 'description', 'productid', 'imageid'];

/**
 * The challenge's X file (an unnamed index column, then designation, description, productid,
 * imageid) or a simple CSV with a designation and, when labelled, a prdtypecode column.
 */
export function layoutOf(header: string[], file: string): SourceLayout {
  const at = (name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? undefined : i;
  };
  const designation = at('designation');
  if (designation === undefined) {
    throw new SourceFormatError(
      `${file}: no designation column (header: ${header.join(',') || 'empty'})`,
    );
  }
  const challenge = header[0] === '' && CHALLENGE_X.every((c) => header.includes(c));
  if (challenge && at('prdtypecode') !== undefined) {
    throw new SourceFormatError(
      `${file}: a challenge X file has no prdtypecode column; labels come in a separate Y file`,
    );
  }
  return {
    format: challenge ? 'challenge' : 'labelled',
    header,
    index: challenge ? 0 : at('id'),
    designation,
    description: at('description'),
    productid: at('productid'),
    imageid: at('imageid'),
    prdtypecode: at('prdtypecode'),
  };
}

/** The challenge's Y file: the unnamed index column, then prdtypecode. */
export function checkLabelHeader(header: string[], file: string): void {
  if (header.length !== 2 || header[0] !== '' || header[1] !== 'prdtypecode') {
    throw new SourceFormatError(
      `${file}: expected the challenge's Y header ",prdtypecode", found "${header.join(',')}"`,
    );
  }
}
