import { isUtf8 } from 'node:buffer';
import { CATEGORY_CODES } from '../models/categories';
import type { CsvRecord } from './csv-records';
import type { SourceLayout } from './source-layout';

export interface ProductRow {
  row: number;
  line: number;
  rowIndex: string | null;
  designation: string;
  description: string | null;
  productid: string | null;
  imageid: string | null;
  prdtypecode: number | null;
}

export interface RejectedRow {
  row: number;
  line: number;
  reason: string;
  rawText: string;
  /** The exact bytes, only when they are not valid UTF-8. */
  rawBytes: Buffer | null;
}

export type CheckedRow = { ok: true; product: ProductRow } | { ok: false; rejected: RejectedRow };

export interface RowLimits {
  maxFieldBytes: number;
}

const KNOWN_CODES = new Set<number>(CATEGORY_CODES);
// eslint-disable-next-line no-control-regex -- NUL to DEL is exactly ASCII
const ASCII = /^[\x00-\x7f]*$/;
const INTEGER = /^\d{1,18}$/;

/** A latin1 field (one char per byte) as the UTF-8 text it holds, or undefined if it is not UTF-8. */
function decode(field: string): string | undefined {
  if (ASCII.test(field)) return field;
  const bytes = Buffer.from(field, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}

/**
 * A record as a product, or the reason it is rejected. `label` is the row's code from the Y
 * file for challenge sources with labels (undefined: no label there, null: unlabelled source).
 */
export function checkRecord(
  record: CsvRecord,
  layout: SourceLayout,
  limits: RowLimits,
  label: string | undefined | null,
): CheckedRow {
  const reject = (reason: string): CheckedRow => {
    const text = decode(record.raw);
    // PostgreSQL text holds neither invalid UTF-8 nor NUL: such rows keep their exact bytes too.
    const exact = text === undefined || text.includes('\0');
    return {
      ok: false,
      rejected: {
        row: record.row,
        line: record.line,
        reason,
        rawText: (text ?? Buffer.from(record.raw, 'latin1').toString('utf8')).replaceAll(
          '\0',
          '\ufffd',
        ),
        rawBytes: exact ? Buffer.from(record.raw, 'latin1') : null,
      },
    };
  };
  if (!record.fields) return reject(record.error ?? 'not valid CSV');
  const fields = record.fields;
  if (fields.length !== layout.header.length) {
    return reject(`expected ${layout.header.length} fields, found ${fields.length}`);
  }
  const texts: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const name = layout.header[i] || 'index';
    if (fields[i]!.length > limits.maxFieldBytes) {
      return reject(
        `${name} is ${fields[i]!.length} bytes, over the limit of ${limits.maxFieldBytes}`,
      );
    }
    const text = decode(fields[i]!);
    if (text === undefined) return reject(`${name} is not valid UTF-8`);
    if (text.includes('\0')) return reject(`${name} contains a NUL byte`);
    texts.push(text);
  }
  const designation = texts[layout.designation]!.trim();
  if (designation === '') return reject('designation is empty');
  const optional = (i: number | undefined) => {
    const value = i === undefined ? '' : texts[i]!.trim();
    return value === '' ? null : value;
  };
  const productid = optional(layout.productid);
  const imageid = optional(layout.imageid);
  for (const [name, value] of [
    ['productid', productid],
    ['imageid', imageid],
  ] as const) {
    if (value !== null && !INTEGER.test(value))
      return reject(`${name} "${value}" is not an integer`);
  }
  const rowIndex = optional(layout.index);
  let code: string | null;
  if (layout.prdtypecode !== undefined) code = optional(layout.prdtypecode);
  else if (label === undefined) return reject(`the Y file has no label for index ${rowIndex}`);
  else code = label;
  let prdtypecode: number | null = null;
  if (code !== null) {
    prdtypecode = /^\d+$/.test(code) ? Number(code) : NaN;
    if (!KNOWN_CODES.has(prdtypecode)) return reject(`unknown prdtypecode "${code}"`);
  } else if (layout.prdtypecode !== undefined) {
    return reject('prdtypecode is empty');
  }
  return {
    ok: true,
    product: {
      row: record.row,
      line: record.line,
      rowIndex,
      designation,
      description: optional(layout.description),
      productid,
      imageid,
      prdtypecode,
    },
  };
}
