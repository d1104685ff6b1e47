/**
 * The ways real listings are damaged: typos, accents dropped by keyboards without them, text
 * decoded with the wrong charset (`crois¿e`), HTML entities, and sellers' erratic casing.
 */
import type { Rng } from '../models/random';

const PLAIN: Readonly<Record<string, string>> = {
  à: 'a',
  â: 'a',
  ä: 'a',
  é: 'e',
  è: 'e',
  ê: 'e',
  ë: 'e',
  î: 'i',
  ï: 'i',
  ô: 'o',
  ö: 'o',
  ù: 'u',
  û: 'u',
  ü: 'u',
  ç: 'c',
  œ: 'oe',
  É: 'E',
  È: 'E',
  Ê: 'E',
  À: 'A',
  Ç: 'C',
  Ô: 'O',
  Î: 'I',
  Œ: 'OE',
  '’': "'",
};
const ACCENTED = /[àâäéèêëîïôöùûüçœÉÈÊÀÇÔÎŒ’]/g;

export function dropAccents(text: string): string {
  return text.replace(ACCENTED, (c) => PLAIN[c] ?? c);
}

/** What Latin-1 text read as another charset looks like in the real files. */
export function misencode(text: string): string {
  return text.replace(/[éèêàçù]/g, '¿');
}

const ENTITIES: Readonly<Record<string, string>> = {
  é: '&eacute;',
  è: '&egrave;',
  ê: '&ecirc;',
  à: '&agrave;',
  â: '&acirc;',
  ç: '&ccedil;',
  ô: '&ocirc;',
  î: '&icirc;',
  û: '&ucirc;',
  ù: '&ugrave;',
  '’': '&rsquo;',
  "'": '&#39;',
  É: '&Eacute;',
};
const ENCODABLE = /[éèêàâçôîûù’'É]/g;

/** HTML descriptions from some shops escape every accent, and pad colons with &nbsp;. */
export function htmlEntities(text: string): string {
  return text.replace(ENCODABLE, (c) => ENTITIES[c] ?? c).replace(/ :/g, '&nbsp;:');
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code >= 192;
}

/** Drops, doubles or swaps one letter at a random place, as hurried typing does. */
export function typo(text: string, rng: Rng): string {
  if (text.length < 4) return text;
  for (let attempt = 0; attempt < 4; attempt++) {
    const at = 1 + rng.int(text.length - 2);
    if (!isLetter(text.charCodeAt(at)) || !isLetter(text.charCodeAt(at + 1))) continue;
    switch (rng.int(3)) {
      case 0:
        return text.slice(0, at) + text.slice(at + 1);
      case 1:
        return text.slice(0, at) + text[at + 1]! + text[at]! + text.slice(at + 2);
      default:
        return text.slice(0, at) + text[at]! + text.slice(at);
    }
  }
  return text;
}

/** The marketplace's habit of capitalising Every Word Of A Title (and "(le)" as "(Le)"). */
export function titleCase(text: string): string {
  // A loop over slices: this runs on most of the titles generated, so it avoids regexes.
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const before = i === 0 ? 32 : text.charCodeAt(i - 1);
    if (before !== 32 && before !== 40) continue;
    const code = text.charCodeAt(i);
    let upper: string;
    if (code >= 97 && code <= 122) upper = String.fromCharCode(code - 32);
    else if (code < 192) continue;
    else {
      upper = text[i]!.toUpperCase();
      if (upper === text[i] || upper.length !== 1) continue;
    }
    out += text.slice(last, i) + upper;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

export function capitaliseFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** Casing of a title: mostly Title Case, sometimes as typed, shouted or all lower case. */
export function caseTitle(text: string, rng: Rng): string {
  const r = rng.next();
  if (r < 0.55) return titleCase(text);
  if (r < 0.85) return capitaliseFirst(text);
  if (r < 0.92) return text.toUpperCase();
  return text.toLowerCase();
}
