/**
 * Books and periodicals: used books (10), new books (2705), lots (2403) and old newspapers and
 * magazines (2280). They draw their titles, authors and publishers from the same pools, as the
 * real categories do, and differ mostly in markers that a title does not always carry.
 */
import { isbn } from '../generators';
import type { Lexicon, Slots } from '../lexicon';
import { agree, nouns, words } from '../lexicon';

const BOOK_SLOTS: Slots = {
  bookM: nouns(
    'secret | chemin | voyage | silence | jardin | destin | royaume | sang | souvenir | retour | ' +
      'rêve | monde | soleil | cri | temps | dernier jour | pays | testament | mystère | bal | ' +
      'chant | miroir | château | fleuve | piège | prince | crime | hiver | été | bonheur',
    '',
  ),
  bookF: nouns(
    '',
    'maison | nuit | mémoire | guerre | route | vie | femme | fille | île | forêt | lumière | ' +
      'promesse | colère | chambre | saison | vallée | lettre | porte | mer | étoile | ombre | ' +
      'peau | danse | rivière | légende | patience | tempête | cuisine | famille | victoire',
  ),
  bookAdj: agree(
    'perdu/perdue | oublié/oubliée | dernier/dernière | noir/noire | blanc/blanche | secret/secrète | ' +
      'éternel/éternelle | grand/grande | petit/petite | sauvage | interdit/interdite | ' +
      'immobile | infini/infinie | sombre | heureux/heureuse | inconnu/inconnue | brûlé/brûlée',
  ),
  bookPlural: words(
    'enfants | chemins | hommes | amants | dieux | ombres | oiseaux | années | sœurs | frères | ' +
      'morts | vivants | saisons | rois | mots | racines | murs | loups',
  ),
  subject: words(
    'la cuisine provençale | la photographie | la peinture à l’huile | l’astronomie | ' +
      'la philosophie | la psychologie | l’histoire de France | la Seconde Guerre mondiale | ' +
      'la Révolution française | la mythologie grecque | la taille des rosiers | la couture | ' +
      'la pâtisserie | la programmation | la comptabilité | la procédure civile | l’économie | ' +
      'la méditation | la généalogie | l’architecture romane | la musique baroque | ' +
      'la comédie musicale | la marine à voile | l’œnologie | la randonnée | la mycologie | ' +
      'l’ornithologie',
  ),
  bookTitle: [
    'Le {bookM} {bookAdj}',
    'La {bookF} {bookAdj}',
    'Le {bookM} de {firstName}',
    'La {bookF} de {lastName}',
    'Les {bookPlural} de {city}',
    'Les {bookPlural} {bookAdj}s',
    'Histoire de {city}',
    'Guide de {subject}',
    'Initiation à {subject}',
    'Manuel de {subject}',
    'Le Grand Livre de {subject}',
    'Les Aventures de {firstName} [- Tome {1-12}]',
    'Mémoires d’un {bookM} {bookAdj}',
    'Une {bookF} à {city}',
    'Après la {bookF}',
    'Au bout du {bookM}',
    '{firstName} et le {bookM} {bookAdj}',
    'Dictionnaire de {subject}',
    'Petit traité de {subject}',
    '{invented} [- Tome {1-9}]',
  ],
  author: [
    '{firstName} {lastName}',
    '{firstName} {lastName}',
    '{lastName} {firstName}',
    '{lastName}',
    '{firstName} {lastName}-{lastName}',
    'Collectif',
  ],
  publisher: words(
    'Gallimard | Folio | Le Livre De Poche | Flammarion | Seuil | Hachette | Albin Michel | Pocket | ' +
      'J’ai Lu | Robert Laffont | Actes Sud | Dargaud | Casterman | Glénat | Larousse | Nathan | ' +
      'Bordas | Belin | Presses De La Cité | Fayard | Grasset | Dunod | Eyrolles | Marabout | ' +
      'Delcourt | Plon | Denoël | Julliard | Stock | Minuit | Points | 10/18 | Rivages | Payot',
  ),
  format: words(
    'Broché | Poche | Relié | Album | Grand Format | Cartonné | Format Poche | Illustré',
  ),
  genre: words(
    'roman | polar | thriller | essai | biographie | bande dessinée | manga | recueil de poèmes | ' +
      'livre de cuisine | guide de voyage | livre jeunesse | album illustré | manuel scolaire | ' +
      'dictionnaire | roman historique | récit | nouvelles | roman policier | science-fiction',
  ),
  pages: words('96 | 128 | 160 | 192 | 224 | 256 | 288 | 320 | 352 | 384 | 416 | 480 | 512 | 640'),
  isbn,
};

const MAGAZINE_SLOTS: Slots = {
  magazine: words(
    'Paris Match | Le Point | L’Express | Le Nouvel Observateur | Télérama | Science Et Vie | ' +
      'Géo | Historia | L’Équipe Magazine | Auto Plus | Marie Claire | Elle | Le Figaro Magazine | ' +
      'Spirou | Pilote | Le Journal De Mickey | Rock & Folk | Onze Mondial | Miroir Du Cyclisme | ' +
      'Connaissance Des Arts | La Vie Du Rail | Point De Vue | Jours De France | Ici Paris | ' +
      'France Dimanche | Le Chasseur Français | Modes Et Travaux | Notre Temps | Sport Auto | ' +
      'L’Illustration | Le Pèlerin | Salut Les Copains | Le Monde | Libération | Le Figaro | ' +
      'Les Échos | Valeurs Actuelles | Marianne | Première | Studio | Télé 7 Jours | Lui | ' +
      'Journal Des Arts | Revue Des Deux Mondes | Cahiers Du Cinéma | {invented} Magazine | ' +
      'La Revue {invented} | Le Courrier De {city} | L’Écho De {city}',
  ),
  headline: [
    'Spécial {city}',
    'Le Tour De France {year}',
    'Les Secrets De {firstName} {lastName}',
    'Dossier : {subject}',
    '{firstName} {lastName} Se Confie',
    'La Vérité Sur {subject}',
    'Les Élections De {year}',
    'Numéro Spécial {year}',
    'Le Mariage De {firstName}',
    'Hommage À {firstName} {lastName}',
    'Salon De {city}',
    'Les Grandes Heures De {city}',
    'Supplément {subject}',
    'Les Années {year}',
    'Reportage : {bookPlural} De {city}',
  ],
};

const USED_BOOK: Lexicon = {
  slots: {
    ...BOOK_SLOTS,
    ...MAGAZINE_SLOTS,
    oldYear: words(
      '1952 | 1958 | 1961 | 1964 | 1967 | 1970 | 1972 | 1975 | 1978 | 1981 | 1983 | 1986 | 1989 | ' +
        '1991 | 1994 | 1997 | 1999 | 2003 | 2008',
    ),
  },
  titles: [
    '{bookTitle}',
    '{bookTitle}',
    '{bookTitle} - {author}',
    '{bookTitle} - {author}',
    '{bookTitle} [- {format}]',
    '{bookTitle} - {author} - {publisher} [{oldYear}]',
    '{bookTitle} - {author} [- {format}]',
    '{bookTitle} [({publisher})]',
    '{bookTitle} - {genre} [- {oldYear}]',
    '[30%Ancien ]{bookTitle} [- Édition Originale]',
    '"{bookTitle}" [- {author}]',
    '{bookTitle} - Tome {1-9} - {author}',
    '{author} - {bookTitle}',
  ],
  sentences: [
    'Livre d’occasion, {condition}.',
    'Couverture légèrement usée, intérieur propre.',
    'Quelques annotations au crayon.',
    'Édition de {oldYear}, {publisher}.',
    '{pages} pages.',
    'Dos insolé, coins frottés.',
    'Ouvrage ancien, pages jaunies par le temps.',
    'Ex-libris sur la page de garde.',
    'Ce {genre} de {author} raconte l’histoire de {firstName}.',
    'Format {format}, {pages} pages, {publisher}.',
    'Livre lu une fois, aucune page cornée.',
    'Tampon de bibliothèque.',
  ],
  emptyDescription: 0.55,
  english: 0.05,
  german: 0.03,
  en: {
    slots: {
      noun: words('book | paperback | hardcover | novel'),
      enWord: words(
        'Garden | Secret | Road | River | House | Night | Winter | Shadow | Song | Island | King | ' +
          'Stranger | Fire | Light | Return | Promise | Letter',
      ),
      enAdj: words('Last | Lost | Silent | Dark | Little | Great | Hidden | Forgotten | Broken'),
    },
    titles: [
      'The {enAdj} {enWord}',
      'The {enWord} of {city}',
      '{enWord} and {enWord}',
      'The {enAdj} {enWord} - {author}',
      'A History of {city}',
      'The {enWord} [- {author}] - Paperback',
    ],
    sentences: [
      'Used book in {condition}.',
      'Some wear to the cover, pages clean.',
      'Published by {publisher} in {oldYear}.',
      '{pages} pages.',
    ],
  },
  de: {
    slots: {
      noun: words('Buch | Taschenbuch | Notizbuch | Roman'),
      deWord: words(
        'Garten | Weg | Haus | Nacht | Winter | Schatten | Insel | König | Licht | Reise',
      ),
    },
    titles: [
      'Der {deWord} [- {author}]',
      'Die Geschichte von {city}',
      'Das {deWord}buch [- {author}]',
      '{firstName}: Tagebuch mit Namen / {96-160} Seiten / kariert / Format A5',
      'Tagebuch {recentYear} - {deWord}-Design',
    ],
    sentences: ['Gebrauchtes Buch, {condition}.', '{pages} Seiten.', 'Verlag: {publisher}.'],
  },
};

const NEW_BOOK: Lexicon = {
  slots: {
    ...BOOK_SLOTS,
    theme: words(
      'l’amour | la mort | l’exil | la liberté | la filiation | la guerre | l’enfance | ' +
        'la trahison | la résilience | le pouvoir | la mémoire | l’identité | la nature',
    ),
    praise: agree(
      'bouleversant/bouleversante | captivant/captivante | haletant/haletante | lumineux/lumineuse | ' +
        'drôle | poignant/poignante | indispensable | passionnant/passionnante | magistral/magistrale',
    ),
  },
  titles: [
    '{bookTitle}',
    '{bookTitle}',
    '{bookTitle} - {author}',
    '{bookTitle} - {author}',
    '{bookTitle} [- {format}]',
    '{bookTitle} - Tome {1-12}',
    '{bookTitle} - {author} - {publisher} [{recentYear}]',
    '{bookTitle} [- Nouvelle Édition]',
    '{bookTitle} - {genre}',
    '{bookTitle} [- {isbn}]',
    '{author} - {bookTitle} [- {format}]',
  ],
  sentences: [
    'Dans ce {genre} {praise}, {author} nous entraîne sur les traces de {firstName}.',
    'Un {genre} {praise} sur {theme} et {theme}.',
    '{city}, {year}. {firstName} {lastName} découvre {subject}.',
    'Né à {city} en {year}, {author} est l’auteur de nombreux ouvrages.',
    'Parution : {recentYear}.',
    'ISBN : {isbn}.',
    'Nombre de pages : {pages}.',
    'Éditeur : {publisher}.',
    'Format : {format}.',
    'Le nouveau {genre} de {author}, déjà un succès en librairie.',
    'Un récit {praise} qui interroge {theme}.',
    'Prix {invented} {recentYear}.',
    'Biographie de l’auteur : {author} vit et travaille à {city}.',
    'Illustrations de {firstName} {lastName}.',
    'Traduit de l’anglais par {firstName} {lastName}.',
    '{pages} pages, {format}, {publisher}.',
  ],
  emptyDescription: 0.22,
  english: 0.06,
  en: {
    slots: {
      noun: words('book | paperback | hardcover | novel'),
      enWord: words(
        'Garden | Secret | Road | River | House | Night | Winter | Shadow | Song | Island | King | ' +
          'Stranger | Fire | Light | Return | Promise | Letter',
      ),
      enAdj: words('Last | Lost | Silent | Dark | Little | Great | Hidden | Forgotten | Broken'),
    },
    titles: [
      'The {enAdj} {enWord}',
      'The {enWord} of {city}',
      'The {enAdj} {enWord} - {author} - Paperback',
      '{enWord} [- Book {1-5}]',
    ],
    sentences: [
      'A {enAdj} new novel by {author}.',
      'Publication date: {recentYear}.',
      'ISBN: {isbn}.',
      '{pages} pages.',
      'The international bestseller.',
    ],
  },
};

const LOT: Lexicon = {
  slots: {
    ...BOOK_SLOTS,
    ...MAGAZINE_SLOTS,
    lotOf: words('Lot De | Lot | Lot de | Ensemble De | Collection De | Carton De | Lot Complet'),
    items: words(
      'Livres | Romans | Magazines | Revues | Bd | Mangas | Albums | Livres Jeunesse | Poches | ' +
        'Numéros | Journaux | Livres De Cuisine | Encyclopédies | Guides',
    ),
  },
  titles: [
    '{lotOf} {2-40} {items} [{genre}]',
    '{lotOf} {2-40} {items} [{genre}]',
    '{lotOf} {2-12} Livres - {author}',
    '{magazine} - {lotOf} {2-30} Numéros [{year}]',
    '{lotOf} {2-20} {magazine}',
    '{bookTitle} + {bookTitle}',
    '{bookTitle} - Tomes 1 À {3-12}',
    'Collection Complète {bookTitle} [{3-20} Volumes]',
    '{lotOf} {2-8} {items} {publisher}',
    '{magazine} N° {1-900} + N° {1-900} [+ N° {1-900}]',
    '{bookTitle} [- Lot De {2-5}]',
  ],
  sentences: [
    'Lot de {2-40} {items}, {condition}.',
    'Vendus ensemble uniquement.',
    'Liste des titres : {bookTitle}, {bookTitle}, {bookTitle}.',
    'Idéal pour une bibliothèque ou une brocante.',
    'Collection de {year} à {year}.',
    'Ensemble de numéros de {magazine}.',
    'Quelques traces d’usage sur les couvertures.',
    'Poids total : {2-15} kg.',
    'Lot {genre} de {author}.',
  ],
  emptyDescription: 0.45,
  english: 0.02,
  en: {
    slots: { noun: words('books | magazines | comics') },
    titles: ['Lot of {2-30} {noun}', 'Bundle of {2-20} {noun} [{year}]'],
    sentences: ['Sold as a lot.', 'Books in {condition}.'],
  },
};

const PERIODICAL: Lexicon = {
  slots: {
    ...BOOK_SLOTS,
    ...MAGAZINE_SLOTS,
    magArticle: words('Le | La | Les | L’'),
  },
  titles: [
    '{magazine} N° {1-2500} Du {date}',
    '{magazine} N° {1-2500} Du {date} - {headline}',
    '{magazine} N° {1-2500} : {headline}',
    '{magazine} ({magArticle}) N° {1-2500} Du {date} - {headline} - {firstName} {lastName} - {headline}',
    '{magazine} N° {1-2500} - {headline} [- {headline}]',
    '{magazine} [Hors-Série] N° {1-300} - {headline}',
    '{magazine} {year} - {headline}',
    '{headline} - {magazine} N° {1-2500}',
  ],
  sentences: [
    'État de la revue : {condition}.',
    'Numéro complet, sans découpe.',
    'Journal d’époque, {date}.',
    '{20-180} pages.',
    'Au sommaire : {headline}, {headline}.',
  ],
  emptyDescription: 0.75,
};

export const BOOK_LEXICONS = {
  10: USED_BOOK,
  2705: NEW_BOOK,
  2403: LOT,
  2280: PERIODICAL,
} as const satisfies Record<number, Lexicon>;
