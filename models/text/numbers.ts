/**
 * Numbers and units, shaped for a bag-of-words model: a number is a token of its own, a unit
 * is a stable token, and the number vocabulary stays small.
 *
 * - A unit glued to its number is split from it and spelled one way (`500ML`, `500 ml` →
 *   `500 ml`; `64GB`, `64 Go` → `64 go`; `24 inch`, `24 pouces` → `24 pouce`; `4m50` →
 *   `4 m 50`): the unit says what kind of product it is (ml, go, mah, w) whatever the number.
 * - A decimal comma is a decimal point (`3,5` → `3.5`); at most two decimals are kept and
 *   trailing zeros dropped (`18,50` → `18.5`, `2.00` → `2`), so one value has one spelling.
 *   `1.500` and `1.000.000` are thousands (French writes decimals with a comma); `36,38,40` is
 *   a list.
 * - `12x30`, `2 x 1,5`, `2*3`, `45cmx45cm` → `12 x 30`, `45 cm x 45 cm`: dimensions read
 *   the same however they are typed.
 * - `1/2`, `1/43` stay one token (scales such as 1/43 mark model cars); dates and longer
 *   slashed numbers become separate numbers (`28/09/2001` → `28 09 2001`).
 * - Integers up to four digits are kept as written: sizes, capacities, years (2019), counts
 *   all carry signal and there are at most 10,000 of them.
 * - A run of five or more digits, standalone or inside a code (EAN, ISBN, product id, seller
 *   SKU such as `scy90715107`), is almost always unique to one product and would only grow
 *   the vocabulary; it becomes `num5`…`num13` by its length, or `numlong` beyond, and is cut
 *   out of the code (`scy num8`). The length still tells an EAN-13 or ISBN from an order id,
 *   and the code's letters, often a seller's prefix, survive as a token.
 */

const UNITS: Readonly<Record<string, string>> = {
  mm: 'mm',
  cm: 'cm',
  dm: 'dm',
  m: 'm',
  km: 'km',
  mg: 'mg',
  g: 'g',
  gr: 'g',
  grs: 'g',
  kg: 'kg',
  kgs: 'kg',
  ml: 'ml',
  cl: 'cl',
  dl: 'dl',
  l: 'l',
  lt: 'l',
  ltr: 'l',
  oz: 'oz',
  lb: 'lb',
  lbs: 'lb',
  ko: 'ko',
  kb: 'ko',
  mo: 'mo',
  mb: 'mo',
  go: 'go',
  gb: 'go',
  to: 'to',
  tb: 'to',
  w: 'w',
  kw: 'kw',
  wh: 'wh',
  kwh: 'kwh',
  v: 'v',
  mah: 'mah',
  ah: 'ah',
  hz: 'hz',
  khz: 'khz',
  mhz: 'mhz',
  ghz: 'ghz',
  mp: 'mp',
  mpx: 'mp',
  h: 'h',
  min: 'min',
  mn: 'min',
  pcs: 'pcs',
  inch: 'pouce',
  inches: 'pouce',
  pouce: 'pouce',
  pouces: 'pouce',
};
// The expressions are ASCII-only (`\b`, `[a-z]`): they run after accent folding, and Unicode
// property classes would make them several times slower.

// Square and cubic units end in a digit, so they need their own end test.
const POWER_UNITS = ['mm2', 'cm2', 'm2', 'cm3', 'dm3', 'm3'];

const byLength = (a: string, b: string) => b.length - a.length;
const UNIT = new RegExp(
  `\\b(\\d+(?:[.,]\\d+)?) ?(?:(${POWER_UNITS.sort(byLength).join('|')})(?![a-z0-9])|(${Object.keys(UNITS).sort(byLength).join('|')})(?![a-z]))`,
  'g',
);
const DIGIT = /\d/;
const SLASHED = /\d+(?:\/\d+)+/g;
// A length unit may sit between the number and the `x` (`45cmx45cm`).
const TIMES = /(\d(?: ?(?:mm|cm|dm|m))?) ?[x*] ?(?=\d)/g;
const SEPARATED = /\b\d+(?:[.,]\d+)+/g;
const LONG = /\d{5,}/g;
const MAX_INTEGER_DIGITS = 4;
const MAX_DECIMALS = 2;
const LONGEST_COUNTED = 13;

function slashed(match: string): string {
  const parts = match.split('/');
  return parts.length === 2 && parts[0]!.length <= 3 && parts[1]!.length <= 3
    ? match
    : parts.join(' ');
}

function separated(match: string): string {
  const parts = match.split(/[.,]/);
  if (parts.length > 2) {
    return parts.slice(1).every((p) => p.length === 3) ? parts.join('') : parts.join(' ');
  }
  const [whole, fraction] = parts as [string, string];
  if (match[whole.length] === '.' && fraction.length === 3 && whole.length <= 3 && whole[0] !== '0')
    return whole + fraction;
  if (whole.length > MAX_INTEGER_DIGITS) return whole;
  const kept = fraction.slice(0, MAX_DECIMALS).replace(/0+$/, '');
  return kept === '' ? whole : `${whole}.${kept}`;
}

function unit(_m: string, value: string, power?: string, plain?: string): string {
  return `${value} ${power ?? UNITS[plain!]!} `;
}

function long(digits: string): string {
  return digits.length > LONGEST_COUNTED ? ' numlong ' : ` num${digits.length} `;
}

/** Rewrites numbers and units in lowercased, accent-folded text; see the policy above. */
export function normalizeNumbers(text: string): string {
  if (!DIGIT.test(text)) return text;
  let out = text;
  if (out.includes('/')) out = out.replace(SLASHED, slashed);
  out = out.replace(TIMES, '$1 x ').replace(SEPARATED, separated).replace(UNIT, unit);
  return out.replace(LONG, long);
}
