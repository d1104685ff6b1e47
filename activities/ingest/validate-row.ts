import { isUtf8 } from 'node:buffer';
import { CATEGORY_CODES } from '../../models/categories';
import { fieldText } from './csv-records';
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
const INTEGER = /^\d{1,18}$/;

function rejected(record: CsvRecord, reason: string): CheckedRow {
  const raw = record.raw;
  const valid = isUtf8(raw);
  const text = raw.toString('utf8');
  // PostgreSQL text holds neither invalid UTF-8 nor NUL: such rows keep their exact bytes too.
  const exact = !valid || text.includes('\0');
  return {
    ok: false,
    rejected: {
      row: record.row,
      line: record.line,
      reason,
      rawText: text.replaceAll('\0', '\ufffd'),
      rawBytes: exact ? Buffer.from(raw) : null,
    },
  };
}

/** A trimmed field, null when empty or absent. */
function optional(texts: string[], i: number | undefined): string | null {
  const value = i === undefined ? '' : texts[i]!.trim();
  return value === '' ? null : value;
}

/**
 * A record as a product, or the reason it is rejected. `label` is the row's code from the Y
 * file for challenge sources with labels (undefined: no label there, null: unlabelled source).
 * Called once per row of every load: no closures, no copies of valid fields.
 */
export function checkRecord(
  record: CsvRecord,
  layout: SourceLayout,
  limits: RowLimits,
  label: string | undefined | null,
): CheckedRow {
  if (!record.fields) return rejected(record, record.error ?? 'not valid CSV');
  const fields = record.fields;
  if (fields.length !== layout.header.length) {
    return rejected(record, `expected ${layout.header.length} fields, found ${fields.length}`);
  }
  const texts: string[] = record.utf8 ? fields : new Array<string>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const name = layout.header[i] || 'index';
    // A UTF-8 field holds at most 3 bytes per UTF-16 unit: count its bytes only when it may be over.
    const length = record.utf8 ? fields[i]!.length : 0;
    const bytes = !record.utf8
      ? fields[i]!.length
      : length * 3 > limits.maxFieldBytes
        ? Buffer.byteLength(fields[i]!, 'utf8')
        : length;
    if (bytes > limits.maxFieldBytes) {
      return rejected(
        record,
        `${name} is ${bytes} bytes, over the limit of ${limits.maxFieldBytes}`,
      );
    }
    const text = fieldText(record, i);
    if (text === undefined) return rejected(record, `${name} is not valid UTF-8`);
    if (text.includes('\0')) return rejected(record, `${name} contains a NUL byte`);
    texts[i] = text;
  }
  const designation = texts[layout.designation]!.trim();
  if (designation === '') return rejected(record, 'designation is empty');
  const productid = optional(texts, layout.productid);
  if (productid !== null && !INTEGER.test(productid)) {
    return rejected(record, `productid "${productid}" is not an integer`);
  }
  const imageid = optional(texts, layout.imageid);
  if (imageid !== null && !INTEGER.test(imageid)) {
    return rejected(record, `imageid "${imageid}" is not an integer`);
  }
  const rowIndex = optional(texts, layout.index);
  let code: string | null;
  if (layout.prdtypecode !== undefined) code = optional(texts, layout.prdtypecode);
  else if (label === undefined) {
    return rejected(record, `the Y file has no label for index ${rowIndex}`);
  } else code = label;
  let prdtypecode: number | null = null;
  if (code !== null) {
    prdtypecode = /^\d+$/.test(code) ? Number(code) : NaN;
    if (!KNOWN_CODES.has(prdtypecode)) return rejected(record, `unknown prdtypecode "${code}"`);
  } else if (layout.prdtypecode !== undefined) {
    return rejected(record, 'prdtypecode is empty');
  }
  return {
    ok: true,
    product: {
      row: record.row,
      line: record.line,
      rowIndex,
      designation,
      description: optional(texts, layout.description),
      productid,
      imageid,
      prdtypecode,
    },
  };
}
