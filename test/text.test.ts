import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../core/config/config';
import {
  FRENCH_STOPWORDS,
  TEXT_PROCESSING_VERSION,
  normalizeFrench,
  tokenize,
} from '../models/text';
import { tokenizeAllThroughWink } from '../models/text/tokenize';

const RAW_CSV = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'rakuten', 'raw.csv');

const plain = (text: string) => tokenize(text, { stem: false });
const stemmed = (text: string) => tokenize(text, { stem: true });

describe('normalizeFrench', () => {
  it('removes tags as word breaks and decodes entities, named and numeric', () => {
    assert.equal(
      normalizeFrench('<p>Caf&eacute;<br/>cr&egrave;me&nbsp;&amp; th&#233; &#xE9;t&#xe9;</p>'),
      'cafe creme & the ete',
    );
    assert.equal(normalizeFrench('<ul><li>Bleu</li><li>Vert</li></ul>'), 'bleu vert');
    assert.equal(
      normalizeFrench('l&#39;arri&egrave;re &laquo;&nbsp;top&nbsp;&raquo;'),
      'l arriere « top »',
    );
    assert.equal(normalizeFrench('&amp;eacute;t&amp;eacute;'), 'ete', 'escaped twice');
    assert.equal(normalizeFrench('&lt;br&gt;x&lt;/b&gt;'), 'x', 'escaped markup is markup');
    assert.equal(normalizeFrench('taille < 5 cm'), 'taille < 5 cm', 'a lone < is text');
  });

  it('maps typographic apostrophes and ligatures, lowercases and folds accents', () => {
    assert.equal(normalizeFrench('L’Œuf d‘or'), 'l oeuf d or');
    assert.equal(
      normalizeFrench('Ça ÉLÈVE À Noël, naïf, cœur, ex æquo'),
      'ca eleve a noel, naif, coeur, ex aequo',
    );
    assert.equal(normalizeFrench('Straße Øre'), 'strasse ore');
    assert.equal(normalizeFrench('Nintendo™ ﬁlm ＡＢＣ'), 'nintendo film abc');
  });

  it('splits every elision and drops other apostrophes inside words', () => {
    for (const [text, expected] of [
      ["l'eau", 'l eau'],
      ["d'or", 'd or'],
      ["qu'il", 'qu il'],
      ["j'ai", 'j ai'],
      ["n'est", 'n est'],
      ["s'il", 's il'],
      ["c'est", 'c est'],
      ["m'a", 'm a'],
      ["t'as", 't as'],
      ["jusqu'à", 'jusqu a'],
      ["lorsqu'elle", 'lorsqu elle'],
      ['l`hôtel', 'l hotel'],
      ['l´été', 'l ete'],
      ["aujourd'hui", 'aujourdhui'],
      ["O'Neill", 'oneill'],
      ["'citation'", 'citation'],
    ]) {
      assert.equal(normalizeFrench(text!), expected, text);
    }
  });

  it('repairs lost characters (¿, U+FFFD) as the spelling they most likely had', () => {
    assert.equal(normalizeFrench('coupe crois¿e'), 'coupe croisee');
    assert.equal(normalizeFrench('crois¿e'), normalizeFrench('croisée'));
    assert.equal(normalizeFrench('t¿¿l¿¿phone'), 'telephone');
    assert.equal(normalizeFrench('d\ufffd\ufffdcoration'), 'decoration');
    assert.equal(normalizeFrench('d¿coration'), 'decoration', 'no elision before a consonant');
    assert.equal(normalizeFrench('d¿un l¿eponge'), 'd un l eponge');
    assert.equal(normalizeFrench('c¿ur ¿uvre ¿illet'), 'coeur oeuvre oeillet');
    assert.equal(normalizeFrench('qualit¿¿: ¿¿crire'), 'qualite: ecrire');
    assert.equal(normalizeFrench('Revue ¿ Argenteuil'), 'revue argenteuil');
  });

  it('repairs UTF-8 read as Windows-1252', () => {
    assert.equal(
      normalizeFrench('CafÃ© crÃ¨me brÃ»lÃ©e Ã  la franÃ§aise'),
      'cafe creme brulee a la francaise',
    );
    assert.equal(normalizeFrench('lâ€™eau'), 'l eau');
    assert.equal(normalizeFrench('Å“uvre Ãªtre Ã®le'), 'oeuvre etre ile');
    assert.equal(normalizeFrench('dâ¿¿hygiène'), 'd hygiene');
  });

  it('splits units from numbers and spells numbers one way', () => {
    for (const [text, expected] of [
      ['3,5cm', '3.5 cm'],
      ['3.5 CM', '3.5 cm'],
      ['12x30 cm', '12 x 30 cm'],
      ['12x30cm', '12 x 30 cm'],
      ['45cmx45cm', '45 cm x 45 cm'],
      ['2 x 1,5 m', '2 x 1.5 m'],
      ['500ML', '500 ml'],
      ['1 kg', '1 kg'],
      ['50gr', '50 g'],
      ['12.99€', '12.99 eur'],
      ['18,50 €', '18.5 eur'],
      ['2,00 $', '2 usd'],
      ['64GB', '64 go'],
      ['64 Go', '64 go'],
      ['1TB', '1 to'],
      ['3000mAh', '3000 mah'],
      ['4m50', '4 m 50'],
      ['135 m²', '135 m2'],
      ['1/2', '1/2'],
      ['½', '1/2'],
      ['1/43', '1/43'],
      ['28/09/2001', '28 09 2001'],
      ['1.000.000', 'num7'],
      ['1.500 kg', '1500 kg'],
      ['tailles 36,38,40', 'tailles 36 38 40'],
      ['2019', '2019'],
      ['EAN 3760123456789', 'ean num13'],
      ['ISBN 2070360024', 'isbn num10'],
      ['12345678901234567890', 'numlong'],
      ['ref SCY90715107WH', 'ref scy num8 wh'],
      ['ps4 v3s5 rtx3080', 'ps4 v3s5 rtx3080'],
    ]) {
      assert.equal(normalizeFrench(text!), expected, text);
    }
  });

  it('joins one-letter prefixes and splits other hyphenated words', () => {
    assert.equal(
      normalizeFrench('T-shirt e-book Wi-Fi porte-clés SL-3468-BE'),
      'tshirt ebook wifi porte cles sl 3468 be',
    );
  });

  it('collapses whitespace and returns an empty string for empty text', () => {
    assert.equal(normalizeFrench('  a\t\n b\u00a0\u200bc  '), 'a b c');
    assert.equal(normalizeFrench(''), '');
    assert.equal(normalizeFrench('<br/> &nbsp; '), '');
  });
});

describe('tokenize', () => {
  it('returns no tokens for empty or blank text', () => {
    assert.deepEqual(tokenize('', { stem: true }), []);
    assert.deepEqual(tokenize('', { stem: false }), []);
    assert.deepEqual(plain(' <br> &nbsp; '), []);
    assert.deepEqual(plain('!!! ... 😀 ---'), []);
  });

  it('removes stopwords, elided articles and punctuation', () => {
    assert.deepEqual(plain("L'eau de la source, pour les enfants d'aujourd'hui !"), [
      'eau',
      'source',
      'enfants',
    ]);
    assert.deepEqual(plain('Très belle lampe avec son abat-jour'), [
      'belle',
      'lampe',
      'abat',
      'jour',
    ]);
  });

  it('keeps stopwords that name products here', () => {
    assert.deepEqual(plain('Sac à dos neuf, tente 4 places, bas de contention'), [
      'sac',
      'dos',
      'neuf',
      'tente',
      '4',
      'places',
      'bas',
      'contention',
    ]);
    for (const word of ['tente', 'dos', 'neuf', 'etat', 'plein', 'piece']) {
      assert.ok(!FRENCH_STOPWORDS.has(word), word);
    }
  });

  it('keeps a text made only of stopwords rather than nothing', () => {
    assert.deepEqual(plain('Avec Ou Sans ?'), ['avec', 'ou', 'sans']);
  });

  it('keeps numbers, units and dimensions as tokens', () => {
    assert.deepEqual(plain('Étagère 12x30 cm, 3,5kg'), [
      'etagere',
      '12',
      'x',
      '30',
      'cm',
      '3.5',
      'kg',
    ]);
    assert.deepEqual(plain('Bouteille 1 L 500ML'), ['bouteille', '1', 'l', '500', 'ml']);
    assert.deepEqual(plain('Prix 12.99€ EAN 3760123456789'), [
      'prix',
      '12.99',
      'eur',
      'ean',
      'num13',
    ]);
    assert.deepEqual(plain('Jouet de 3 à 6 ans'), ['jouet', '3', '6', 'ans']);
    assert.deepEqual(plain('Écran 4K 1080p, 60W'), ['ecran', '4', 'k', '1080', 'p', '60', 'w']);
  });

  it('passes English and German text through', () => {
    assert.deepEqual(plain("The Lord of the Rings: children's edition, don't miss it"), [
      'the',
      'lord',
      'of',
      'the',
      'rings',
      'childrens',
      'edition',
      'miss',
      'it',
    ]);
    assert.deepEqual(plain('Greta: Liniertes Tagebuch / 150 Seiten / Größe A5'), [
      'greta',
      'liniertes',
      'tagebuch',
      '150',
      'seiten',
      'grosse',
      'a5',
    ]);
    assert.deepEqual(plain('Журнал 中文'), ['журнал', '中文']);
  });

  it('joins back what the English model splits as a contraction', () => {
    assert.deepEqual(plain('cannot dont'), ['cannot']);
  });

  it('stems only when asked, the same way for every spelling of a word', () => {
    assert.deepEqual(plain('Chaussettes enfants'), ['chaussettes', 'enfants']);
    assert.deepEqual(stemmed('Chaussettes enfants'), ['chausset', 'enfant']);
    const stems = ['Décoration', 'DECORATION', 'décorations', 'd¿¿coration', 'dÃ©coration'].map(
      (word) => stemmed(word),
    );
    for (const s of stems) assert.deepEqual(s, ['decor']);
    assert.deepEqual(stemmed('crois¿e'), stemmed('croisée'));
    assert.deepEqual(
      stemmed('PS4 3.5 num13'),
      ['ps4', '3.5', 'num13'],
      'codes and numbers are not stemmed',
    );
  });

  it('is deterministic', () => {
    const text =
      '<p>Lot de 2 T-shirts Å“uvre crois¿e 12x30cm 12,99€ &eacute;t&eacute;</p> EAN 3760123456789';
    const first = stemmed(text);
    for (let k = 0; k < 3; k++) assert.deepEqual(stemmed(text), first);
    assert.deepEqual(plain(text), plain(text));
  });

  it('gives tokens that are non-empty, lowercase, unaccented and without spaces', () => {
    const tokens = plain('Ça VA? Éléphant — PÂTE à modeler · 10 % (Neuf) «cadeau» 3 × 4');
    assert.ok(tokens.length > 0);
    for (const token of tokens) {
      assert.match(token, /^[a-z0-9./]+$/, token);
    }
  });

  it('drops URLs, e-mail addresses, hashtags and mentions', () => {
    assert.deepEqual(
      plain('voir http://www.example.com/page ou ecrire a user@mail.com #promo @vendeur'),
      ['voir', 'ecrire'],
    );
  });

  it('stays fast on long runs without spaces, and keeps the words of glued lists', () => {
    for (const text of ['1cm'.repeat(30_000), '<a'.repeat(50_000), 'ab1.'.repeat(30_000)]) {
      const start = performance.now();
      tokenize(text, { stem: true });
      // wink alone took minutes on the first of these.
      assert.ok(performance.now() - start < 5_000, text.slice(0, 12));
    }
    assert.deepEqual(
      plain('couleurs: rouge/vert/bleu/jaune/noir/blanc/orange/violet/rose/marron/gris/beige'),
      [
        'couleurs',
        'rouge',
        'vert',
        'bleu',
        'jaune',
        'noir',
        'blanc',
        'orange',
        'violet',
        'rose',
        'marron',
        'gris',
        'beige',
      ],
    );
  });

  it('records an integer processing version', () => {
    assert.ok(Number.isInteger(TEXT_PROCESSING_VERSION) && TEXT_PROCESSING_VERSION >= 1);
  });

  it('has stopwords normalised as the text is, with every single letter', () => {
    for (const word of FRENCH_STOPWORDS) assert.equal(normalizeFrench(word), word, word);
    for (const word of ['le', 'la', 'de', 'tres', 'apres', 'aujourdhui', 'quelqu', 'lorsqu', 'x']) {
      assert.ok(FRENCH_STOPWORDS.has(word), word);
    }
  });
});

describe(
  'tokenize on the real sample',
  { skip: !fs.existsSync(RAW_CSV) && 'no real sample' },
  () => {
    const rows = () =>
      parse<{ designation: string; description: string }>(fs.readFileSync(RAW_CSV), {
        columns: true,
        bom: true,
      });

    it('tokenises every row, and every non-empty title into at least one token', () => {
      const all = rows();
      assert.ok(all.length > 800);
      for (const row of all) {
        for (const stem of [false, true]) {
          const title = tokenize(row.designation, { stem });
          if (row.designation.trim() !== '') assert.ok(title.length > 0, row.designation);
          tokenize(row.description, { stem });
        }
      }
    });

    it('gives tokens that do not depend on what the process read before', () => {
      // wink's lexicon learns every new word it meets; its token types change with it.
      const texts = rows().flatMap((row) => [row.designation, row.description]);
      const before = texts.map((text) => stemmed(text));
      for (const text of [...texts].reverse())
        tokenizeAllThroughWink(`${text} 500mw x200`, { stem: false });
      texts.forEach((text, k) => assert.deepEqual(stemmed(text), before[k], text));
    });

    it('gives the same tokens as sending the whole text through wink', () => {
      for (const row of rows()) {
        for (const text of [row.designation, row.description]) {
          for (const stem of [false, true]) {
            assert.deepEqual(
              tokenize(text, { stem }),
              tokenizeAllThroughWink(text, { stem }),
              text,
            );
          }
        }
      }
    });
  },
);
