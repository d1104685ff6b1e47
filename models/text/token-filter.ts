import { stemFrench } from './stem';
import { FRENCH_STOPWORDS } from './stopwords';

// What a token is, is read from its own text, never from wink's token types: wink records the
// type of a new word in its lexicon the first time it meets it, so after `500mw` has been
// split once, a later `500` comes out as a `word`. Types would then depend on what the process
// read before, and a server would disagree with the training run.
const NUMBER = /^[+-]?\d+(?:[.,/:]\d+)*$/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const LETTERS = /^\p{L}+$/u;
const DIGIT = /\d/;
const DOTS = /\./g;
// Longer "words" are glued URLs, base64 or markup debris, never vocabulary.
const MAX_TOKEN_LENGTH = 40;

const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
// URLs, e-mail addresses, mentions and hashtags, which wink keeps whole.
const isWeb = (token: string) =>
  token.includes('@') || token.includes('://') || token[0] === '#' || token.startsWith('www.');
const isLetters = (token: string) => {
  for (let k = 0; k < token.length; k++) {
    const c = token.charCodeAt(k);
    if (c < 97 || c > 122) return LETTERS.test(token);
  }
  return token.length > 0;
};

/** Receives wink's tokens, each with whether no space separates it from the one before. */
export interface TokenSink {
  add(value: string, glued: boolean): void;
}

/**
 * Turns wink's tokens into the kept tokens: words and numbers that are not stopwords,
 * optionally stemmed. wink's English model splits contractions even without an apostrophe
 * (`dont` → `do nt`, `cant` → `ca nt`), so letters with no space between them are joined back
 * into one word first.
 */
export class TokenFilter implements TokenSink {
  private readonly out: string[] = [];
  private readonly stopwords: string[] = [];
  private token = '';
  private tokenIsLetters = false;
  private afterNumber = false;

  constructor(
    private readonly stem: boolean,
    private readonly removeStopwords = true,
  ) {}

  add(value: string, glued: boolean): void {
    const letters = isLetters(value);
    if (glued && letters && this.tokenIsLetters) {
      this.token += value;
      return;
    }
    this.flush();
    this.token = value;
    this.tokenIsLetters = letters;
  }

  /**
   * The kept tokens. A text made only of stopwords (a book or album title such as `Avec ou
   * sans ?`) keeps them instead: an empty list would tell the model nothing at all.
   */
  finish(): string[] {
    this.flush();
    this.token = '';
    if (this.out.length > 0 || this.stopwords.length === 0) return this.out;
    return this.stem ? this.stopwords.map((word) => stemFrench(word)) : this.stopwords;
  }

  private flush(): void {
    if (this.token === '') return;
    const afterNumber = this.afterNumber;
    this.afterNumber = NUMBER.test(this.token);
    if (this.afterNumber) {
      // A sign is not part of the quantity: `+3` is `3`.
      const c = this.token[0];
      this.out.push(c === '+' || c === '-' ? this.token.slice(1) : this.token);
    } else {
      this.keepWord(this.token, afterNumber);
    }
  }

  /**
   * A single letter right after a number is kept although single letters are stopwords: it
   * is a unit or a dimension (`1 l`, `60 w`, `12 x 30`, `4 k`, `3 d`). `a` is the exception,
   * as `de 3 à 6 ans` is far more common than amperes.
   */
  private keepWord(raw: string, afterNumber: boolean): void {
    let token = raw;
    const first = token.charCodeAt(0);
    const last = token.charCodeAt(token.length - 1);
    if (!isAsciiAlnum(first) || !isAsciiAlnum(last)) {
      // Punctuation, symbols, emoji; and emoticons such as `:p`, which keep only their letter.
      if (!LETTER_OR_DIGIT.test(token) || isWeb(token)) return;
      token = token.replace(EDGES, '');
    } else if (isWeb(token)) {
      return;
    }
    // Dotted abbreviations (`s.a.r.l.`) are one word, spelt without dots as they mostly are.
    if (token.includes('.')) token = token.replace(DOTS, '');
    if (token === '' || token.length > MAX_TOKEN_LENGTH) return;
    if (this.removeStopwords && FRENCH_STOPWORDS.has(token)) {
      if (!(afterNumber && token.length === 1 && token !== 'a')) {
        this.stopwords.push(token);
        return;
      }
    } else if (this.stem && !DIGIT.test(token)) {
      token = stemFrench(token);
    }
    this.out.push(token);
  }
}
