/**
 * What a product category is written with: its slots (word lists and generators) and the
 * templates of its titles and description sentences, in French and optionally English or German.
 * Word lists are written as `'a | b | c'` strings so hundreds of words stay readable.
 */
import type { RenderContext } from './templates';

/** Nouns of both genders; drawing one sets the gender adjectives drawn after it agree with. */
export interface NounList {
  kind: 'nouns';
  masculine: readonly string[];
  feminine: readonly string[];
}

/** Adjectives written `masculin/féminin` (or once when invariable). */
export interface AgreeingList {
  kind: 'agree';
  entries: readonly (readonly [string, string])[];
}

export type SlotGenerator = (ctx: RenderContext) => string;

export type SlotSource = readonly string[] | NounList | AgreeingList | SlotGenerator;

export type Slots = Readonly<Record<string, SlotSource>>;

export interface LanguageLexicon {
  /** Slots of this language; the French slots (brands, sizes, references) fill in the rest. */
  slots?: Slots;
  titles: readonly string[];
  sentences: readonly string[];
}

export interface Lexicon {
  slots: Slots;
  /** Title templates; repeat one to make it likelier. */
  titles: readonly string[];
  /** Description sentence templates; a description strings a few of them together. */
  sentences: readonly string[];
  /** Share of rows of this category sold without a description. */
  emptyDescription: number;
  en?: LanguageLexicon;
  de?: LanguageLexicon;
  /** Share of rows written in English / German (when the lexicon has that language). */
  english?: number;
  german?: number;
}

/** Splits `'a | b | c'` into its trimmed words; a `|` inside `{…}` belongs to its template. */
export function words(list: string): readonly string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = list[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (i === list.length || (c === '|' && depth === 0)) {
      const word = list.slice(start, i).trim();
      if (word !== '') out.push(word);
      start = i + 1;
    }
  }
  return out;
}

export function nouns(masculine: string, feminine: string): NounList {
  return { kind: 'nouns', masculine: words(masculine), feminine: words(feminine) };
}

export function agree(list: string): AgreeingList {
  return {
    kind: 'agree',
    entries: words(list).map((entry) => {
      const [m, f] = entry.split('/');
      return [m!.trim(), (f ?? m)!.trim()] as const;
    }),
  };
}

/** Several word lists as one (e.g. a category's brands plus a shared pool). */
export function merge(...lists: readonly (readonly string[])[]): readonly string[] {
  return lists.flat();
}
