/**
 * Children's things: toys (1280), games and puzzles (1281), socks and bar games (1301, the real
 * category mixes both), outdoor play and sport (1302) and baby care (1320). Their brands, ages and
 * materials overlap, and marketplace sellers often tag titles with a shop code.
 */
import type { Lexicon, Slots } from '../lexicon';
import { agree, nouns, words } from '../lexicon';

const CHILD_SLOTS: Slots = {
  age: words(
    'Dès 2 Ans | Dès 3 Ans | Dès 3 Ans | 3-6 Ans | Dès 4 Ans | Dès 6 Ans | 6-12 Ans | +8 Ans | ' +
      '18 Mois | 0-3 Ans | Enfant | Fille | Garçon | Bébé | Enfants',
  ),
  toyBrand: words(
    'Lego | Playmobil | Vtech | Fisher-Price | Hasbro | Mattel | Barbie | Hot Wheels | Smoby | ' +
      'Janod | Vilac | Djeco | Bandai | Silverlit | Spin Master | Corolle | Sylvanian Families | ' +
      'Schleich | Nerf | Lansay | Clementoni | Ravensburger | Haba | Goliath | Papo | Bruder | ' +
      'Little Tikes | Chicco | Moulin Roty | {invented}',
  ),
  theme: words(
    'Dinosaures | Princesses | Pirates | Licornes | Pompiers | La Ferme | Animaux De La Jungle | ' +
      'L’Espace | Les Chevaliers | La Reine Des Neiges | Pat’Patrouille | Cars | Peppa Pig | ' +
      'Super-Héros | Les Sirènes | Le Cirque | La Police | Les Fées | Les Robots',
  ),
  toyAdj: agree(
    'éducatif/éducative | interactif/interactive | musical/musicale | lumineux/lumineuse | ' +
      'en bois | en peluche | électronique | magnétique | géant/géante | mini | ' +
      'à assembler | d’éveil | parlant/parlante | articulé/articulée | doux/douce',
  ),
  shopTag: [
    '@{invented}{100-9999}',
    '{invented}{1000-9999}',
    'Auucne',
    'Stream',
    '@Hpp{1000-9999}',
  ],
};

const TOY: Lexicon = {
  slots: {
    ...CHILD_SLOTS,
    toy: nouns(
      'robot | dinosaure | camion | garage | circuit | train en bois | jouet d’éveil | déguisement | ' +
        'pistolet à eau | château fort | hochet | xylophone | accordéon | puzzle | kit scientifique | ' +
        'tapis de jeu | bateau pirate | ours en peluche | doudou | hélicoptère | drone | tracteur',
      'poupée | peluche | voiture | figurine | cuisine enfant | maison de poupée | marionnette | ' +
        'pâte à modeler | boîte à musique | toupie | caisse enregistreuse | voiture télécommandée | ' +
        'ferme | dînette | trottinette | balle anti-stress | slime',
    ),
  },
  titles: [
    '{toy} {toyAdj} [{colour}] [{age}]',
    '{toy} {toyAdj} [{colour}] [{age}]',
    '{toyBrand} {toy} [{theme}] [{age}]',
    '{toyBrand} {ref} - {toy} {theme}',
    '{toy} {theme} [{toyAdj}] [- {toyBrand}]',
    'Jouet {toy} {toyAdj} [{age}] [{shopTag}]',
    '{toy} {toyAdj} Cadeau {age} [{shopTag}]',
    'Lot {2-10} {toy} [{theme}]',
    '{toy} {10-80} cm [{toyAdj}] [{toyBrand}]',
  ],
  sentences: [
    'Un jouet {toyAdj} pour développer l’imagination de votre enfant.',
    'Convient aux enfants {age}.',
    'Fonctionne avec {2|3|4} piles {AA|AAA} {incluses|non incluses}.',
    'Dimensions : {10-60} x {10-40} cm.',
    'Attention : ne convient pas aux enfants de moins de 36 mois. Petits éléments.',
    'Matière : {plastique|bois|tissu|peluche|métal}.',
    'Thème : {theme}.',
    'Idéal pour Noël ou un anniversaire.',
    'Contenu : 1 {toy}, notice.',
    'Conforme aux normes CE.',
  ],
  emptyDescription: 0.35,
  english: 0.1,
  en: {
    slots: {
      noun: words('toy | doll | plush | robot | car | dinosaur | playset | slime'),
      enAdj: words('Educational | Interactive | Musical | Soft | Wooden | Magnetic | Mini'),
    },
    titles: [
      '{enAdj} {noun} Toy For Kids [{3-12} Years] [{shopTag}]',
      'Kids {enAdj} {noun} Gift [{colour}] [{shopTag}]',
      '{toyBrand} {theme} {noun} Playset',
    ],
    sentences: ['Great gift for kids.', 'Suitable for ages {3-12}.', 'Material: plastic.'],
  },
};

const KIDS_GAME: Lexicon = {
  slots: {
    ...CHILD_SLOTS,
    gameBrand: words(
      'Asmodee | Ravensburger | Hasbro Gaming | Clementoni | Nathan | Educa | Djeco | Gigamic | ' +
        'Dujardin | Goliath | Haba | Megableu | Iello | Blue Orange | Janod | Jumbo | {invented}',
    ),
    boardGame: [
      'Jeu De Société {invented}',
      'Jeu De {Dames|Échecs|Dominos|Petits Chevaux|Loto|Mémo|L’Oie|Tarot|Belote|Mikado}',
      'Jeu De Cartes {invented}',
      'Jeu Éducatif {Lecture|Calcul|Alphabet|Anglais|Géographie|Formes Et Couleurs}',
      'Puzzle {24|48|100|200|500|1000|1500|2000} Pièces {theme}',
      'Casse-Tête {3D|En Bois|Labyrinthe|Magique}',
      'Jeu D’Ambiance {invented}',
      'Jeu De Stratégie {invented}',
      'Quiz {theme}',
    ],
    gameAdj: agree(
      'éducatif/éducative | coopératif/coopérative | familial/familiale | en bois | de voyage | ' +
        'magnétique | amusant/amusante | classique | géant/géante',
    ),
  },
  titles: [
    '{boardGame} [{gameAdj}] [{age}]',
    '{boardGame} [{gameAdj}] [{age}]',
    '{boardGame} - {gameBrand}',
    '{gameBrand} {boardGame} [{age}]',
    '{boardGame} {gameAdj} [{2-6} Joueurs] [{shopTag}]',
    'Jeu {gameAdj} {theme} [{age}] [{shopTag}]',
    '{boardGame} [Extension] [{gameBrand}]',
  ],
  sentences: [
    'De {2-4} à {4-10} joueurs, parties de {10-60} minutes.',
    'Un jeu {gameAdj} pour toute la famille.',
    'Contenu : 1 plateau, {20-120} cartes, {2-6} pions, 1 dé, règle du jeu.',
    'Puzzle de {100-2000} pièces, dimensions une fois assemblé : {30-90} x {30-60} cm.',
    'Développe la logique, la mémoire et la concentration.',
    'Âge : {age}.',
    'Règles en français.',
    'Jeu complet, {condition}.',
  ],
  emptyDescription: 0.4,
  english: 0.1,
  en: {
    slots: { noun: words('board game | card game | puzzle | brain teaser') },
    titles: [
      '{invented} {noun} [For Kids] [{shopTag}]',
      '{100-2000} Piece Jigsaw Puzzle {theme}',
      'Educational {noun} [{3-12} Years] [{shopTag}]',
    ],
    sentences: ['{2-6} players.', 'Fun for the whole family.', 'Ages {3-12}+.'],
  },
};

const SOCKS_AND_BAR_GAMES: Lexicon = {
  slots: {
    ...CHILD_SLOTS,
    sockWho: words('Bébé | Enfant | Fille | Garçon | Naissance | Nouveau-Né | Enfants'),
    sockAdj: words(
      'Antidérapantes | En Coton | Chaudes | Hautes | Courtes | Douces | Imprimées | Rayées | ' +
        'Fantaisie | Thermiques | Invisibles',
    ),
    motif: words(
      'Animaux | Étoiles | Cœurs | Dinosaures | Fraises | Renard | Chat | Rayures | Licorne',
    ),
    sockSize: words('0-6 Mois | 6-12 Mois | 12-24 Mois | 2-4 Ans | 19-22 | 23-26 | 27-30 | 31-34'),
    barBrand: words(
      'Harrows | Winmau | Unicorn | Longoni | Peradon | Bonzini | René Pierre | Garlando | ' +
        'Dimasport | Buffalo | {invented}',
    ),
    barGame: nouns(
      'baby-foot | billard | jeu de fléchettes | tapis de billard | triangle | jeu de poker | ' +
        'porte-queues',
      'cible | queue de billard | balle de baby-foot | mallette de poker | fléchette | housse de billard',
    ),
  },
  titles: [
    'Chaussettes {sockWho} {sockAdj} [{motif}] [{colour}]',
    'Chaussettes {sockWho} {sockAdj} [{motif}] [{colour}]',
    'Lot De {3-10} Paires Chaussettes {sockWho} [{sockAdj}] [{sockSize}]',
    '{sockWho} Chaussettes {sockAdj} Coton {motif} [{sockSize}] [{shopTag}]',
    'Chaussons Chaussettes {sockWho} {sockAdj} [{sockSize}]',
    '{barGame} {barBrand} [{colour}]',
    '{barGame} [{6|7|8|9} Ft] [{barBrand}]',
    'Fléchettes {barBrand} {16-26} g [Pointe {Nylon|Acier}]',
    'Mallette Poker {100|200|300|500} Jetons [+ {1|2} Jeux De Cartes]',
    'Balle De Baby-Foot {colour} [{10|35|50} Pièces]',
  ],
  sentences: [
    'Composition : {60-90}% coton, {10-35}% polyamide, {2-5}% élasthanne.',
    'Taille : {sockSize}.',
    'Semelle antidérapante pour les premiers pas.',
    'Lot de {3-10} paires assorties.',
    'Lavable en machine à 30 °C.',
    'Plateau en ardoise, tapis {colour}.',
    'Dimensions du jeu : {100-250} x {60-140} cm.',
    'Poids : {16-26} g.',
  ],
  emptyDescription: 0.45,
  english: 0.15,
  en: {
    slots: { noun: words('socks | baby socks | dart | pool cue') },
    titles: [
      'Baby {Girls|Boys|Kids} Cotton Anti-Slip Socks {motif} [{shopTag}]',
      '{3-10} Pairs Kids Socks [{colour}]',
      '{barBrand} {16-26}g Darts Set',
    ],
    sentences: ['Material: cotton.', 'Soft and comfortable.', 'Anti-slip sole.'],
  },
};

const OUTDOOR_PLAY: Lexicon = {
  slots: {
    ...CHILD_SLOTS,
    play: nouns(
      'trampoline | toboggan | portique | bac à sable | vélo enfant | cerf-volant | ballon | ' +
        'panier de basket | but de football | skateboard | ventriglisse | filet de protection | ' +
        'set de badminton | frisbee | tipi',
      'balançoire | draisienne | trottinette | tente de jeu | maisonnette | piscine à balles | ' +
        'corde à sauter | raquette | aire de jeux | cabane | gourde | paire de rollers | ' +
        'paire de gants de fitness',
    ),
    outdoorBrand: words(
      'Smoby | Hudora | Oxybul | Trigano | Kettler | Soulet | Berg | Plum | Little Tikes | Feber | ' +
        'Moover | Micro | Arebos | Soka | Wilson | Spalding | {invented}',
    ),
    outdoorAdj: agree(
      'pliable | extérieur/extérieure | en bois | en acier | géant/géante | réglable | ' +
        'gonflable | résistant/résistante | sportif/sportive | portable',
    ),
  },
  titles: [
    '{play} {outdoorAdj} [{colour}] [{age}]',
    '{play} {outdoorAdj} [{colour}] [{age}]',
    '{outdoorBrand} {play} [{outdoorAdj}] [{ref}]',
    '{play} [{outdoorAdj}] {100-500} cm [{outdoorBrand}]',
    'Coussin De Protection Trampoline {244|305|366|430|487} cm [{colour}]',
    'Aire De Jeux {outdoorAdj} Toboggan Balançoire [{100-800}x{100-600}x{150-300} cm]',
    '{play} {outdoorAdj} Sport [{shopTag}]',
  ],
  sentences: [
    'Pour jouer en plein air dans le jardin.',
    'Structure en acier galvanisé, résistante aux intempéries.',
    'Diamètre : {150-490} cm.',
    'Poids maximum supporté : {30-150} kg.',
    'Hauteur réglable sur {2-5} positions.',
    'Convient aux enfants {age}.',
    'Montage facile, notice incluse.',
    'À utiliser sous la surveillance d’un adulte.',
  ],
  emptyDescription: 0.4,
  english: 0.1,
  en: {
    slots: { noun: words('trampoline | scooter | kite | balance bike | fitness gloves | swing') },
    titles: [
      'Outdoor {noun} For Kids [{colour}] [{shopTag}]',
      '{outdoorBrand} {noun} [{100-500} cm]',
      'Sport {noun} Anti-Slip [{shopTag}]',
    ],
    sentences: ['Suitable for outdoor use.', 'Max load: {30-150} kg.', 'Easy to assemble.'],
  },
};

const BABY_CARE: Lexicon = {
  slots: {
    ...CHILD_SLOTS,
    baby: nouns(
      'siège auto | lit bébé | berceau | tapis d’éveil | matelas à langer | biberon | babyphone | ' +
        'porte-bébé | parc bébé | trotteur | transat | réhausseur | pèse-bébé | sac à langer | ' +
        'nid d’ange | doudou | mobile musical | chauffe-biberon | coussin d’allaitement',
      'poussette | chaise haute | baignoire bébé | tétine | gigoteuse | veilleuse | nacelle | ' +
        'table à langer | turbulette | barrière de sécurité | trousse de toilette',
    ),
    babyBrand: words(
      'Bébé Confort | Chicco | Babymoov | Red Castle | Tineo | Safety 1st | Maxi-Cosi | Sauthon | ' +
        'Candide | Tigex | Béaba | Dbb Remond | Badabulle | Avent | Nuk | Aubert Concept | ' +
        'Ergobaby | Doudou Et Compagnie | {invented}',
    ),
    babyAdj: agree(
      'évolutif/évolutive | pliable | réglable | ergonomique | anti-colique | inclinable | ' +
        'léger/légère | compact/compacte | isofix | lavable',
    ),
    babyGroup: words('Groupe 0+ | Groupe 1 | Groupe 2/3 | Groupe 1/2/3 | 0-13 Kg | 15-36 Kg'),
  },
  titles: [
    '{baby} {babyAdj} [{colour}] [{babyBrand}]',
    '{baby} {babyAdj} [{colour}] [{babyBrand}]',
    '{babyBrand} {baby} [{babyAdj}] [{colour}]',
    'Siège Auto {babyGroup} [Isofix] [{babyBrand}] [{colour}]',
    '{baby} {babyAdj} {0-6|0-12|6-36} Mois [{colour}]',
    'Lot De {2-6} {Biberons|Tétines|Bavoirs|Langes} [{babyBrand}]',
    '{baby} Bébé {babyAdj} [{theme}]',
  ],
  sentences: [
    'Conforme à la norme {EN 1888|ECE R44/04|R129|EN 716}.',
    'Pour bébé de la naissance à {6-48} mois.',
    'Harnais {3|5} points réglable.',
    'Housse déhoussable et lavable en machine.',
    'Poids : {2-15} kg.',
    'Dimensions : {40-140} x {30-80} cm.',
    'Sans BPA.',
    'Idéal dès la naissance.',
    'Capacité : {150|250|330} ml.',
  ],
  emptyDescription: 0.35,
  english: 0.05,
  en: {
    slots: { noun: words('baby stroller | high chair | baby bottle | baby monitor | playmat') },
    titles: ['Baby {noun} [{colour}] [{babyBrand}]', '{babyBrand} {noun} [{0-36} Months]'],
    sentences: ['BPA free.', 'Suitable from birth.', 'Machine washable cover.'],
  },
};

export const CHILDREN_LEXICONS = {
  1280: TOY,
  1281: KIDS_GAME,
  1301: SOCKS_AND_BAR_GAMES,
  1302: OUTDOOR_PLAY,
  1320: BABY_CARE,
} as const satisfies Record<number, Lexicon>;
