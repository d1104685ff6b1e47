/**
 * Slot generators for the long tail of product text: references, codes, dates and invented
 * names. Real catalogues keep growing their vocabulary with such tokens, and a featuriser has to
 * cope with the many that occur once.
 */
import type { SlotGenerator } from './lexicon';

const UPPER = 'ABCDEFGHJKLMNPRSTUVWXZ';
const DIGITS = '0123456789';
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br'];
const MORE_ONSETS = ['tr', 'gr', 'ch', 'pl', 'st', 'fl', 'cr', 'dr', 'j', 'h', 'x'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'o', 'ou', 'ai', 'y', 'ia', 'eo'];
const CODAS = ['', '', '', 'n', 'r', 's', 'x', 'l', 'm', 'k', 't'];
const SYLLABLE_ONSETS = [...ONSETS, ...MORE_ONSETS];

function chars(alphabet: string, n: number, rng: { int(n: number): number }): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[rng.int(alphabet.length)];
  return out;
}

/** A pronounceable invented word, capitalised: brands and models nobody has heard of. */
export const inventedName: SlotGenerator = ({ rng }) => {
  const syllables = 2 + rng.int(2);
  let word = '';
  for (let s = 0; s < syllables; s++) {
    word += SYLLABLE_ONSETS[rng.int(SYLLABLE_ONSETS.length)]! + VOWELS[rng.int(VOWELS.length)]!;
  }
  word += CODAS[rng.int(CODAS.length)]!;
  return word[0]!.toUpperCase() + word.slice(1);
};

/** A manufacturer reference in one of the shapes sellers paste into titles. */
export const reference: SlotGenerator = ({ rng }) => {
  switch (rng.int(6)) {
    case 0:
      return `${chars(UPPER, 2, rng)}-${chars(DIGITS, 4, rng)}`;
    case 1:
      return `${chars(UPPER, 1, rng)}${chars(DIGITS, 3, rng)}`;
    case 2:
      return `Réf. ${chars(DIGITS, 6, rng)}`;
    case 3:
      return `(${chars(DIGITS, 9, rng)})`;
    case 4:
      return `${chars(UPPER, 3, rng)}${chars(DIGITS, 2, rng)}${chars(UPPER, 1, rng)}`;
    default:
      return `${chars(DIGITS, 2, rng)}${chars(UPPER, 2, rng)}${chars(DIGITS, 3, rng)}`;
  }
};

export const ean: SlotGenerator = ({ rng }) => `${3 + rng.int(2)}${chars(DIGITS, 12, rng)}`;

export const isbn: SlotGenerator = ({ rng }) =>
  rng.next() < 0.6
    ? `978-2-${chars(DIGITS, 4, rng)}-${chars(DIGITS, 4, rng)}-${rng.int(10)}`
    : `${rng.next() < 0.5 ? '978' : ''}2${chars(DIGITS, 9, rng)}`;

export const date: SlotGenerator = ({ rng }) => {
  const day = String(1 + rng.int(28)).padStart(2, '0');
  const month = String(1 + rng.int(12)).padStart(2, '0');
  return `${day}/${month}/${1950 + rng.int(70)}`;
};

export const year: SlotGenerator = ({ rng }) => String(1950 + rng.int(71));

export const recentYear: SlotGenerator = ({ rng }) => String(2005 + rng.int(16));

/** A price written the French way, as in sellers' descriptions. */
export const price: SlotGenerator = ({ rng }) => `${1 + rng.int(300)},${rng.int(10)}0 €`;
