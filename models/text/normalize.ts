import { stripHtml } from './html';
import { repairLostCharacters } from './lost-characters';
import { fixMojibake } from './mojibake';
import { normalizeNumbers } from './numbers';
import { splitApostrophes, splitHyphens } from './punctuation';

/**
 * Characters that Unicode normalisation would get wrong for us, mapped before NFKC: `´` would
 * become a space and a combining accent, `™` would glue `tm` onto the brand before it, and
 * `œ`, `æ`, `ß`, `ø` have no decomposition to fold.
 */
const SPECIAL: Readonly<Record<string, string>> = {
  '’': "'",
  '‘': "'",
  '´': "'",
  ʼ: "'",
  '′': "'",
  '＇': "'",
  '™': ' ',
  '®': ' ',
  '©': ' ',
  '\u00ad': '',
  '€': ' eur ',
  '£': ' gbp ',
  '⁄': '/',
  '×': 'x',
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  Ø: 'o',
};
const SPECIAL_CHARS = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');
const NON_ASCII = /[\u0080-\uffff]/;
// Latin-1 letters are left alone by NFKC; only these and characters beyond Latin-1 change.
const NFKC_CANDIDATE =
  /[\u00a0\u00a8\u00aa\u00af\u00b2-\u00b5\u00b8-\u00ba\u00bc-\u00be\u0100-\uffff]/;
const COMBINING = /[\u0300-\u036f]/g;
const DOLLAR = /\$/g;
const BACKTICK = /`/g;
// Runs of blanks, or one blank that is not a plain space; single spaces, nearly all of them,
// are left alone rather than replaced by themselves.
const SPACES =
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  /[\s\x00-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]{2,}|[\t-\r\x00-\x1f\x7f-\xa0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/g;

const special = (c: string) => SPECIAL[c]!;

/**
 * The text that training and serving both see: markup and encoding damage removed, lowercase,
 * accents folded, elisions split, numbers and units in one spelling, single spaces.
 */
export function normalizeFrench(text: string): string {
  if (!text) return '';
  let s = stripHtml(text);
  const nonAscii = NON_ASCII.test(s);
  let compatibility = false;
  if (nonAscii) {
    s = fixMojibake(s).replace(SPECIAL_CHARS, special);
    compatibility = NFKC_CANDIDATE.test(s);
    if (compatibility) s = s.normalize('NFKC');
  }
  s = s.toLowerCase();
  if (nonAscii) {
    // Again, for what NFKC made: `¼` becomes `1⁄4`.
    if (compatibility) s = s.replace(SPECIAL_CHARS, special);
    s = repairLostCharacters(s.normalize('NFD').replace(COMBINING, ''));
  }
  if (s.includes('$')) s = s.replace(DOLLAR, ' usd ');
  if (s.includes('`')) s = s.replace(BACKTICK, "'");
  s = normalizeNumbers(splitHyphens(splitApostrophes(s)));
  return s.replace(SPACES, ' ').trim();
}
