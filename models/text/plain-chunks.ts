import type { TokenSink } from './token-filter';

/**
 * Most space-separated chunks of normalised text are plain: lowercase ASCII letters possibly
 * followed by digits (`chaise`, `ps4`, `num13`), an integer, either one wrapped in brackets or
 * quotes or followed by `,;:!?.`, or punctuation alone. How wink splits those is certain, and
 * was checked against wink for every chunk of the real sample and about a million
 * combinations: the word or number itself, and punctuation that the filter drops. Sending
 * only the other chunks to wink saves most of its cost, a good part of which is per document.
 *
 * Not plain, so left to wink: digits followed by letters (`3d`, `90s`, `30th`), decimals and
 * fractions, punctuation inside a chunk, non-ASCII characters.
 */

const PUNCTUATION = 1;
const OPENING = 2;
const CLOSING = 4;
const ASCII = new Uint8Array(128);
for (let c = 33; c < 127; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (!alnum) ASCII[c] = PUNCTUATION;
}
for (const c of '(["') ASCII[c.charCodeAt(0)]! |= OPENING;
for (const c of ')]",;:!?.') ASCII[c.charCodeAt(0)]! |= CLOSING;

const flags = (text: string, k: number) => {
  const c = text.charCodeAt(k);
  return c < 128 ? ASCII[c]! : 0;
};
const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** `plainShape` of a chunk wink has to read. */
export const NOT_PLAIN = -1;
const ALL_PUNCTUATION = 0;

/**
 * Where the word or number of a plain chunk starts and ends, packed as `start << 8 | end`
 * (chunks are at most 255 characters); `ALL_PUNCTUATION` when it is punctuation alone, or
 * `NOT_PLAIN`.
 */
export function plainShape(chunk: string): number {
  let start = 0;
  while (flags(chunk, start) & OPENING) start++;
  let end = chunk.length;
  while (end > start && flags(chunk, end - 1) & CLOSING) end--;
  let k = start;
  while (k < end && isLetter(chunk.charCodeAt(k))) k++;
  while (k < end && isDigit(chunk.charCodeAt(k))) k++;
  if (k === end && k > start && chunk.length < 256) return (start << 8) | end;
  for (let p = 0; p < chunk.length; p++) {
    if (!(flags(chunk, p) & PUNCTUATION)) return NOT_PLAIN;
  }
  return ALL_PUNCTUATION;
}

/** Hands `sink` the tokens wink would make of a plain chunk of the given shape. */
export function addPlainChunk(chunk: string, shape: number, sink: TokenSink): void {
  if (shape === ALL_PUNCTUATION) {
    sink.add(chunk, false);
    return;
  }
  const start = shape >> 8;
  const end = shape & 0xff;
  if (start === 0 && end === chunk.length) {
    sink.add(chunk, false);
    return;
  }
  if (start > 0) sink.add(chunk.slice(0, start), false);
  sink.add(chunk.slice(start, end), start > 0);
  if (end < chunk.length) sink.add(chunk.slice(end), true);
}
