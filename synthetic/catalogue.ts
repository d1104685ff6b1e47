/**
 * A seeded synthetic catalogue of French marketplace products, shaped like the Rakuten France
 * challenge data: same 27 codes in the same proportions, titles and descriptions written from
 * per-category vocabularies, realistic noise, and neighbouring categories that overlap.
 */
import type { CategoryCode } from '../models/categories';
import { createRng } from '../models/random';
import { createClassSampler } from './class-weights';
import type { CompiledLanguage, CompiledLexicon } from './compile';
import { compiledLexicons } from './compile';
import { createBorrower } from './confusion';
import { describe } from './descriptions';
import { createIdMaker, MAX_ROWS } from './ids';
import { caseTitle, dropAccents, misencode, typo } from './noise';
import type { RenderContext } from './templates';

export interface SyntheticProduct {
  designation: string;
  description: string;
  productid: number;
  imageid: number;
  prdtypecode: number;
}

export interface CatalogueOptions {
  rows: number;
  seed: number;
}

/** Shares of rows hit by each kind of damage. */
const TITLE_TYPO = 0.08;
const DESCRIPTION_TYPO = 0.12;
const NO_ACCENTS = 0.12;
const MISENCODED = 0.015;

/** A slot rendered empty (say `{|Pal}`) can leave a doubled space or a dangling dash. */
function tidy(title: string): string {
  const text = title.includes('  ') ? title.replace(/ {2,}/g, ' ') : title;
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '-')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '-')) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function language(lexicon: CompiledLexicon, ctx: RenderContext): CompiledLanguage {
  const r = ctx.rng.next();
  if (lexicon.en && r < lexicon.english) return lexicon.en;
  if (lexicon.de && r < lexicon.english + lexicon.german) return lexicon.de;
  return lexicon.fr;
}

export function validateCatalogueOptions({ rows, seed }: CatalogueOptions): void {
  if (!Number.isSafeInteger(rows) || rows < 0 || rows > MAX_ROWS) {
    throw new RangeError(`rows must be an integer from 0 to ${MAX_ROWS}, not ${rows}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, not ${seed}`);
}

/**
 * Yields `rows` products, the same ones for the same seed. A generator, so any number of rows
 * streams in constant memory. Bad options throw here, not at the first row.
 */
export function generateCatalogue(options: CatalogueOptions): Generator<SyntheticProduct> {
  validateCatalogueOptions(options);
  return products(options);
}

function* products(options: CatalogueOptions): Generator<SyntheticProduct> {
  const lexicons = compiledLexicons();
  const rng = createRng(options.seed);
  const ids = createIdMaker(options.seed);
  const sampleClass = createClassSampler();
  const borrow = createBorrower();
  const ctx: RenderContext = { rng, feminine: false };

  for (let row = 0; row < options.rows; row++) {
    const code: CategoryCode = sampleClass(rng);
    const lexicon = lexicons.get(borrow(code, rng))!;
    const lang = language(lexicon, ctx);
    ctx.feminine = false;
    let designation = caseTitle(tidy(lang.title(ctx)), rng);
    let description = describe(
      lang,
      { empty: lexicon.emptyDescription, typo: DESCRIPTION_TYPO },
      ctx,
      designation,
    );

    if (rng.next() < TITLE_TYPO) designation = typo(designation, rng);
    if (rng.next() < NO_ACCENTS) {
      designation = dropAccents(designation);
      description = dropAccents(description);
    } else if (rng.next() < MISENCODED) {
      designation = misencode(designation);
      description = misencode(description);
    }

    yield {
      designation,
      description,
      productid: ids.productId(row),
      imageid: ids.imageId(row),
      prdtypecode: code,
    };
  }
}
