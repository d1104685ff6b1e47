import { newStemmer } from 'snowball-stemmers';

const stemmer = newStemmer('french');
const cache = new Map<string, string>();
// Product text repeats a small vocabulary, so the cache answers nearly every call; the bound
// only stops a long-lived server from growing without limit on junk tokens.
const CACHE_LIMIT = 200_000;

/**
 * Snowball's French stemmer on an accent-folded word. Stemming after folding costs some stem
 * quality (`croisee` and `croise` stem apart), but `CROISEE`, `croisée` and `crois¿e` are the
 * same string by then, so they always get the same stem; sellers often drop accents.
 */
export function stemFrench(word: string): string {
  let stem = cache.get(word);
  if (stem === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    stem = stemmer.stem(word);
    cache.set(word, stem);
  }
  return stem;
}
