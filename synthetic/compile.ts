/**
 * Turns the lexicons into render functions once, at first use, so that generating a row does no
 * parsing: every word list becomes an array pick and every template a chain of closures.
 */
import type { CategoryCode } from '../models/categories';
import { CATEGORY_CODES } from '../models/categories';
import type { LanguageLexicon, Lexicon, SlotSource, Slots } from './lexicon';
import type { Render, SlotRef } from './templates';
import { compileTemplate, isLiteral, TemplateError } from './templates';
import { LEXICONS } from './vocabulary/lexicons';
import {
  SHARED_SENTENCES,
  SHARED_SENTENCES_DE,
  SHARED_SENTENCES_EN,
  SHARED_SLOTS,
  SHARED_SLOTS_DE,
  SHARED_SLOTS_EN,
} from './vocabulary/shared';

export type Language = 'fr' | 'en' | 'de';

export interface CompiledLanguage {
  language: Language;
  title: Render;
  /** One of the category's own description sentences. */
  sentence: Render;
  /** One sentence of sellers' boilerplate, in this language. */
  boilerplate: Render;
}

export interface CompiledLexicon {
  fr: CompiledLanguage;
  en?: CompiledLanguage;
  de?: CompiledLanguage;
  emptyDescription: number;
  english: number;
  german: number;
}

function pickOne(renders: readonly Render[]): Render {
  if (renders.length === 0) throw new Error('empty word list');
  if (renders.length === 1) return renders[0]!;
  return (ctx) => renders[ctx.rng.int(renders.length)]!(ctx);
}

function pickList(templates: readonly string[], resolve: (name: string) => SlotRef): Render {
  if (templates.every(isLiteral)) {
    if (templates.length === 0) throw new Error('empty word list');
    // The hot path: most slots are plain words.
    return (ctx) => templates[ctx.rng.int(templates.length)]!;
  }
  return pickOne(templates.map((t) => compileTemplate(t, resolve)));
}

function compileSlot(source: SlotSource, resolve: (name: string) => SlotRef): Render {
  if (typeof source === 'function') return source;
  if (!('kind' in source)) return pickList(source, resolve);
  const list = source;
  if (list.kind === 'nouns') {
    const all = [...list.masculine, ...list.feminine];
    const masculine = list.masculine.length;
    const pick = all.map((t) => compileTemplate(t, resolve));
    return (ctx) => {
      const k = ctx.rng.int(all.length);
      ctx.feminine = k >= masculine;
      return pick[k]!(ctx);
    };
  }
  const entries = list.entries;
  return (ctx) => {
    const entry = entries[ctx.rng.int(entries.length)]!;
    return ctx.feminine ? entry[1] : entry[0];
  };
}

function compileLanguage(
  name: string,
  language: Language,
  layers: readonly Slots[],
  lexicon: LanguageLexicon,
  boilerplate: readonly string[],
): CompiledLanguage {
  // Later layers win: shared French, the category's French, then the language's own words.
  const namespace: Record<string, SlotSource> = Object.assign({}, ...layers) as Record<
    string,
    SlotSource
  >;
  const refs = new Map<string, SlotRef>();
  const resolve = (slot: string): SlotRef => {
    let ref = refs.get(slot);
    if (!ref) refs.set(slot, (ref = { name: slot }));
    return ref;
  };
  const title = pickList(lexicon.titles, resolve);
  const sentence = pickList(lexicon.sentences, resolve);
  const shared = pickList(boilerplate, resolve);
  // Slots are compiled as they are referenced, so only the slots in use must exist.
  for (let pending = [...refs.values()]; pending.length > 0;) {
    for (const ref of pending) {
      const source = namespace[ref.name];
      if (source === undefined) {
        throw new TemplateError(`${name} (${language})`, `unknown slot {${ref.name}}`);
      }
      ref.render = compileSlot(source, resolve);
    }
    pending = [...refs.values()].filter((ref) => !ref.render);
  }
  return { language, title, sentence, boilerplate: shared };
}

export function compileLexicon(name: string, lexicon: Lexicon): CompiledLexicon {
  const compiled: CompiledLexicon = {
    fr: compileLanguage(name, 'fr', [SHARED_SLOTS, lexicon.slots], lexicon, SHARED_SENTENCES),
    emptyDescription: lexicon.emptyDescription,
    english: lexicon.en ? (lexicon.english ?? 0) : 0,
    german: lexicon.de ? (lexicon.german ?? 0) : 0,
  };
  if (lexicon.en) {
    const layers = [SHARED_SLOTS, lexicon.slots, SHARED_SLOTS_EN, lexicon.en.slots ?? {}];
    compiled.en = compileLanguage(name, 'en', layers, lexicon.en, SHARED_SENTENCES_EN);
  }
  if (lexicon.de) {
    const layers = [SHARED_SLOTS, lexicon.slots, SHARED_SLOTS_DE, lexicon.de.slots ?? {}];
    compiled.de = compileLanguage(name, 'de', layers, lexicon.de, SHARED_SENTENCES_DE);
  }
  return compiled;
}

let cache: ReadonlyMap<CategoryCode, CompiledLexicon> | undefined;

/** The compiled lexicons of the 27 categories, built on first use. */
export function compiledLexicons(): ReadonlyMap<CategoryCode, CompiledLexicon> {
  cache ??= new Map(
    CATEGORY_CODES.map((code) => [code, compileLexicon(String(code), LEXICONS[code])]),
  );
  return cache;
}
