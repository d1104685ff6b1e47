/**
 * Characters lost by a lossy re-encoding show up as `¿` or U+FFFD (`crois¿e`, `t¿¿l¿¿phone`,
 * `d¿un`, `c¿ur`). Runs on lowercased, accent-folded text, so ASCII classes cover French letters.
 *
 * The lost character cannot be recovered, so the rules bet on the likeliest one:
 * - after a word-initial elision letter and before a vowel or h it was an apostrophe
 *   (`d¿un` → `d'un`, but `d¿coration` → `decoration`);
 * - before `ur`, `ud`, `uf`, `ux`, `uvre` or a word-initial `il` it was `œ` (`c¿ur`, `¿uvre`);
 * - otherwise next to a letter it was `é`/`è`/`ê` (one or two bytes of it), by far the
 *   commonest non-ASCII letters in French. Mapping to `e` rather than dropping it makes the
 *   word identical to its clean spelling once accents are folded (`crois¿e` → `croisee`, as
 *   `croisée`), so the two share every feature instead of merely a stem;
 * - anywhere else (`titre ¿ auteur`) it was punctuation, a dash or a bullet: a space.
 */
const LOST = /[¿\ufffd]/;
const OE = /(?<![a-z0-9])[¿\ufffd](?=il)|[¿\ufffd](?=u(?:rs?|ds?|fs?|x|vres?|vrer)(?![a-z0-9]))/g;
// Elision only ever happens before a vowel or a mute h, which tells `d¿un` from `d¿coration`.
const ELIDED = /(?<![a-z0-9])([a-z]*qu|[cdjlmnst])[¿\ufffd](?=[aeiouyh])/g;
const AFTER_LETTER = /(?<=[a-z])[¿\ufffd]{1,2}/g;
const WORD_START_PAIR = /(?<![a-z0-9])[¿\ufffd]{2}(?=[a-z])/g;
const ANY = /[¿\ufffd]/g;

export function repairLostCharacters(text: string): string {
  if (!LOST.test(text)) return text;
  return text
    .replace(OE, 'oe')
    .replace(ELIDED, "$1'")
    .replace(AFTER_LETTER, 'e')
    .replace(WORD_START_PAIR, 'e')
    .replace(ANY, ' ');
}
