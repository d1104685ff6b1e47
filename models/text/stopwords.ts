import stopwordsIso from 'stopwords-iso';
import { normalizeFrench } from './normalize';

/**
 * Words of stopwords-iso's French list that name products or their condition in this
 * catalogue: `tente` (tents), `dos` (sac à dos), `bas` (stockings), `plein` (jeux de plein
 * air), `neuf`/`etat` (new versus used: separate categories), `piece` (puzzles, spare parts).
 * The list was made for prose, where they carry little; here they are among the best clues.
 */
const KEPT = [
  'bas',
  'beau',
  'bon',
  'cher',
  'clac',
  'clic',
  'dernier',
  'derniere',
  'dos',
  'droite',
  'essai',
  'etat',
  'force',
  'haut',
  'maximale',
  'mille',
  'mine',
  'minimale',
  'mot',
  'multiple',
  'multiples',
  'naturel',
  'naturelle',
  'naturelles',
  'neuf',
  'nouveau',
  'nouveaux',
  'ouvert',
  'ouverte',
  'ouverts',
  'parole',
  'personne',
  'personnes',
  'piece',
  'plein',
  'premier',
  'premiere',
  'pur',
  'pure',
  'rare',
  'rares',
  'sujet',
  'tente',
  'unique',
  'uniques',
  'valeur',
];

function buildStopwords(): ReadonlySet<string> {
  const words = new Set<string>();
  const kept = new Set(KEPT);
  const add = (word: string) => {
    if (word !== '' && !kept.has(word)) words.add(word);
  };
  for (const entry of stopwordsIso.fr ?? []) {
    // Normalised as the text will be, so `très` matches `tres` and `aujourd'hui` `aujourdhui`;
    // `quelqu'un` and `celle-ci` become several tokens, each a stopword.
    for (const token of normalizeFrench(entry).split(' ')) {
      // Drops the list's stray punctuation (`o|`).
      const word = token.replace(/[^\p{L}\p{N}]/gu, '');
      add(word);
      // `lorsqu'il` is split into `lorsqu il`, as `jusqu'` and `quelqu'` are in the list.
      if (word.endsWith('que')) add(word.slice(0, -1));
    }
  }
  for (let c = 'a'.charCodeAt(0); c <= 'z'.charCodeAt(0); c++) add(String.fromCharCode(c));
  return words;
}

/** stopwords-iso's French list, lowercased and accent-folded, plus every single letter. */
export const FRENCH_STOPWORDS: ReadonlySet<string> = buildStopwords();
