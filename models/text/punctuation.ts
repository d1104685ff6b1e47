/**
 * Apostrophes and hyphens, on lowercased, accent-folded text. Hand-written scans rather than
 * regular expressions: lookbehinds over the whole text cost more than the rest of
 * normalisation together, and these characters are rare.
 */

const isLetter = (c: number) => c >= 97 && c <= 122;
const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
// c d j l m n s t: the French words that elide before a vowel (plus `qu`, below).
const ELIDING = new Set(['c', 'd', 'j', 'l', 'm', 'n', 's', 't']);

function wordStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && isAlnum(text.charCodeAt(start - 1))) start--;
  return start;
}

/**
 * `l'eau` → `l eau`: the elided word becomes a token of its own (a stopword), so `eau` is the
 * same token with or without it; `qu'` also ends longer words (`jusqu'`, `lorsqu'`). Any other
 * apostrophe inside a word is dropped (`aujourd'hui`, `o'neill`, `don't`): the word stays one
 * token, as it is most often typed without it. Elsewhere an apostrophe is a quote: a space.
 */
export function splitApostrophes(text: string): string {
  let i = text.indexOf("'");
  if (i < 0) return text;
  let out = '';
  let from = 0;
  while (i >= 0) {
    let replacement = ' ';
    if (isLetter(text.charCodeAt(i + 1)) && isLetter(text.charCodeAt(i - 1))) {
      const start = wordStart(text, i);
      const elided =
        (i - start === 1 && ELIDING.has(text[start]!)) ||
        (text.charCodeAt(i - 1) === 117 && text.charCodeAt(i - 2) === 113);
      replacement = elided ? ' ' : '';
    }
    out += text.slice(from, i) + replacement;
    from = i + 1;
    i = text.indexOf("'", from);
  }
  return out + text.slice(from);
}

function letterRun(text: string, from: number, step: 1 | -1): number {
  let n = 0;
  for (let k = from; isLetter(text.charCodeAt(k)); k += step) n++;
  return n;
}

/**
 * `t-shirt`, `e-book`, `x-men`, `wi-fi`, `hi-fi`: a one-letter prefix, or two letters joined
 * to two letters, is joined (`tshirt`, `hifi`), as the parts mean nothing alone. Other hyphens
 * separate words: `porte-cles` is `porte cles`, which word bigrams put back.
 */
export function splitHyphens(text: string): string {
  let i = text.indexOf('-');
  if (i < 0) return text;
  let out = '';
  let from = 0;
  while (i >= 0) {
    const left = letterRun(text, i - 1, -1);
    const leftWhole = left > 0 && !isAlnum(text.charCodeAt(i - 1 - left));
    let joined = false;
    if (leftWhole && left === 1) {
      joined = isAlnum(text.charCodeAt(i + 1));
    } else if (leftWhole && left === 2) {
      const right = letterRun(text, i + 1, 1);
      joined = right >= 1 && right <= 2 && !isAlnum(text.charCodeAt(i + 1 + right));
    }
    out += text.slice(from, i) + (joined ? '' : ' ');
    from = i + 1;
    i = text.indexOf('-', from);
  }
  return out + text.slice(from);
}
