// Neither package ships type declarations; these cover the part this module uses.

declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
}

declare module 'stopwords-iso' {
  const byLanguage: Readonly<Record<string, readonly string[]>>;
  export = byLanguage;
}
