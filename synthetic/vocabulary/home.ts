/**
 * The home: furniture (1560), household linen (1920) and decoration (2060). Cushions, curtains,
 * throws and rugs are sold under both linen and decoration, and tables, chairs and benches under
 * both furniture and garden furniture, so those pairs are genuinely hard to tell apart.
 */
import type { Lexicon, Slots } from '../lexicon';
import { agree, nouns, words } from '../lexicon';

/** Also used by garden furniture (2582), which sells the same tables and chairs outdoors. */
export const FURNITURE_SLOTS: Slots = {
  wood: words(
    'Bois Massif | Chêne | Pin | Teck | Acacia | Hêtre | Noyer | Bambou | Rotin | Manguier | ' +
      'Métal | Acier | Verre Trempé | MDF | Aggloméré | Velours | Tissu | Simili Cuir | Résine',
  ),
  style: words(
    'Scandinave | Industriel | Vintage | Contemporain | Design | Moderne | Rustique | Bohème | ' +
      'Classique | Loft | Campagne | Art Déco',
  ),
  homeBrand: words(
    'VidaXL | Homcom | Vente-Unique | Atmosphera | Paris Prix | Alinéa | Kare Design | Tousmesmeubles | ' +
      'Pier Import | Menzzo | Home Deco Factory | Songmics | {invented} | {invented} Home',
  ),
  dims: [
    '{40-220} x {30-100} x {40-200} cm',
    '{40-220} x {30-100} cm',
    'L{40-220} x P{30-100} x H{40-200} cm',
    'Ø {40-150} cm',
  ],
  places: words('2 Places | 3 Places | 4 Places | 4 Personnes | 6 Personnes | 8 Places'),
};

const FURNITURE: Lexicon = {
  slots: {
    ...FURNITURE_SLOTS,
    furniture: nouns(
      'canapé | fauteuil | lit | buffet | bureau | meuble TV | tabouret | tabouret de bar | banc | ' +
        'matelas | sommier | dressing | vaisselier | pouf | meuble à chaussures | ' +
        'lit superposé | canapé d’angle | meuble de salle de bain | secrétaire | rocking-chair',
      'table basse | chaise | table | armoire | commode | étagère | bibliothèque | console | ' +
        'table de chevet | tête de lit | table à manger | chaise de bureau | vitrine | ' +
        'banquette | méridienne | desserte | colonne de rangement | chaise longue',
    ),
    furnitureAdj: agree(
      'pliant/pliante | extensible | convertible | rembourré/rembourrée | empilable | ' +
        'réglable | pivotant/pivotante | moderne | design | massif/massive | laqué/laquée | ' +
        'capitonné/capitonnée | relevable | gigogne',
    ),
  },
  titles: [
    '{furniture} {furnitureAdj} [{colour}] [{dims}]',
    '{furniture} {furnitureAdj} [{colour}] [{dims}]',
    '{furniture} En {wood} [{colour}] [{dims}]',
    '{furniture} {style} [En {wood}] [{colour}]',
    '{homeBrand} {furniture} [{furnitureAdj}] [{wood}] [{colour}]',
    'Lot De {2|4|6} {furniture}s [{style}] [{colour}]',
    '{furniture} {places} [{style}] [{colour}]',
    '{furniture} {style} {furnitureAdj} - {dims}',
    '{invented} - {furniture} {furnitureAdj} [{colour}]',
  ],
  sentences: [
    'Dimensions : {dims}.',
    'Structure en {wood}, finition {colour}.',
    'Style {style} qui s’intègre dans tous les intérieurs.',
    'Montage facile, notice et visserie fournies.',
    'Poids maximum supporté : {50-200} kg.',
    'Nombre de tiroirs : {1-6}.',
    'Pieds en {wood} {colour}.',
    'Revêtement en {wood}, facile d’entretien.',
    'Livré en kit, {1-4} colis.',
    'Assise rembourrée en mousse haute densité.',
    'Idéal pour le salon, la chambre ou le bureau.',
  ],
  emptyDescription: 0.15,
  english: 0.02,
  german: 0.02,
  en: {
    slots: { noun: words('coffee table | chair | sofa | bookcase | bedside table | desk') },
    titles: ['{style} {noun} [{colour}] [{dims}]', '{homeBrand} {noun} Solid Wood [{colour}]'],
    sentences: ['Dimensions: {dims}.', 'Easy to assemble.', 'Made of solid wood.'],
  },
  de: {
    slots: { noun: words('Couchtisch | Stuhl | Sofa | Regal | Nachttisch | Schreibtisch') },
    titles: ['{homeBrand} {noun} [{colour}] [{dims}]', '{noun} Massivholz [{dims}]'],
    sentences: ['Maße: {dims}.', 'Einfache Montage.'],
  },
};

/** Sold as household linen and as decoration alike. */
const SOFT_FURNISHINGS = nouns(
  'coussin | rideau | plaid | tapis | voilage | jeté de canapé | pouf',
  'housse de coussin | paire de rideaux | couverture | nappe',
);

const LINEN: Lexicon = {
  slots: {
    ...FURNITURE_SLOTS,
    softThing: SOFT_FURNISHINGS,
    linen: nouns(
      'drap housse | drap plat | oreiller | couvre-lit | drap de bain | peignoir | torchon | ' +
        'tapis de bain | set de table | linge de lit | protège-matelas | édredon | boutis',
      'housse de couette | parure de lit | taie d’oreiller | couette | serviette de bain | ' +
        'housse de canapé | nappe | serviette de table | alèse | sortie de bain',
    ),
    fabric: words(
      '100% Coton | Coton | Lin | Lin Lavé | Percale | Satin De Coton | Microfibre | Polyester | ' +
        'Velours | Flanelle | Coton Bio | Éponge | Gaze De Coton | Jacquard | Polycoton',
    ),
    bedSize: words(
      '140x190 cm | 140x200 cm | 160x200 cm | 180x200 cm | 200x200 cm | 240x220 cm | ' +
        '260x240 cm | 90x190 cm | 220x240 cm | 65x65 cm | 50x70 cm | 45x45 cm | 40x40 cm | ' +
        '70x140 cm | 50x100 cm | 150x250 cm | 140x260 cm',
    ),
    linenBrand: words(
      'Blanc Des Vosges | Tradilinge | Linnea | Today | Anne De Solène | Dodo | Lovely Casa | ' +
        'Atmosphera | Home Maison | Soleil D’Ocre | Becquet | Essix | Sensei | {invented}',
    ),
    motifs: words(
      'Rayé | Uni | Fleuri | Géométrique | Imprimé | Brodé | À Carreaux | Tropical | Ethnique | ' +
        'Étoiles | Graphique | Liberty',
    ),
    tc: words('57 Fils | 78 Fils | 80 Fils | 120 Fils | 200 Fils | 300 Fils | 400 G/M²'),
  },
  titles: [
    '{linen} {fabric} [{colour}] [{bedSize}]',
    '{linen} {fabric} [{colour}] [{bedSize}]',
    'Parure De Lit {fabric} [{motifs}] [{bedSize}] [{colour}]',
    '{linen} [{motifs}] {bedSize} [{linenBrand}]',
    '{softThing} {fabric} [{colour}] [{bedSize}]',
    '{softThing} {motifs} [{colour}] [{bedSize}]',
    '{linenBrand} {linen} [{tc}] [{colour}]',
    'Lot De {2|3|4|6} {linen}s [{fabric}] [{colour}]',
    '{linen} {colour} {bedSize} [{tc}]',
  ],
  sentences: [
    'Composition : {fabric}.',
    'Dimensions : {bedSize}.',
    'Lavable en machine à {30|40|60} °C.',
    'Tissage {tc}, toucher doux.',
    'Fermeture par {rabat|zip|boutons}.',
    'Comprend 1 housse de couette {bedSize} et {1|2} taie{|s} d’oreiller.',
    'Certifié Oeko-Tex.',
    'Bonnets de {25|30|35} cm pour matelas épais.',
    'Motif {motifs}, coloris {colour}.',
    'Séchage en machine possible.',
  ],
  emptyDescription: 0.25,
  english: 0.04,
  german: 0.02,
  en: {
    slots: {
      noun: words('duvet cover | pillowcase | cushion cover | curtain | bath towel | throw'),
    },
    titles: ['{noun} {fabric} [{bedSize}] [{colour}]', 'Soft {noun} [{motifs}] [{colour}]'],
    sentences: ['Machine washable.', 'Size: {bedSize}.', 'Material: cotton.'],
  },
  de: {
    slots: { noun: words('Bettwäsche | Kissenbezug | Vorhang | Handtuch | Decke') },
    titles: ['{noun} {bedSize} [{colour}]', '{noun} Baumwolle [{colour}]'],
    sentences: ['Maschinenwaschbar.', 'Größe: {bedSize}.'],
  },
};

const DECORATION: Lexicon = {
  slots: {
    ...FURNITURE_SLOTS,
    softThing: SOFT_FURNISHINGS,
    decor: nouns(
      'cadre photo | miroir | vase | photophore | bougeoir | tableau | sticker mural | ' +
        'attrape-rêves | diffuseur | panier | porte-manteau | sapin artificiel | mobile | ' +
        'cache-pot | pêle-mêle | lampadaire | abat-jour | carillon | trophée | objet déco',
      'bougie | lampe | guirlande lumineuse | horloge murale | toile | statue | lanterne | ' +
        'boîte de rangement | décoration de Noël | boule de Noël | suspension | applique | ' +
        'plante artificielle | fleur artificielle | couronne | figurine déco | boîte à bijoux | ' +
        'lettre lumineuse | affiche',
    ),
    decorAdj: agree(
      'décoratif/décorative | lumineux/lumineuse | mural/murale | artificiel/artificielle | ' +
        'parfumé/parfumée | vintage | bohème | doré/dorée | en céramique | en verre | en métal | ' +
        'en bois flotté | à LED | zen | romantique | ethnique',
    ),
    room: words('Salon | Chambre | Salle De Bain | Cuisine | Entrée | Maison | Jardin | Bureau'),
  },
  titles: [
    '{decor} {decorAdj} [{colour}] [{10-120} cm]',
    '{decor} {decorAdj} [{colour}] [{10-120} cm]',
    '{decor} [{decorAdj}] Décoration {room} [{colour}]',
    '{softThing} {decorAdj} [{colour}] [{40x40|45x45|50x50|140x200|160x230} cm]',
    '{homeBrand} {decor} {style} [{colour}]',
    'Déco {room} {decor} {decorAdj} [{style}]',
    '{decor} {style} [{decorAdj}] [{dims}]',
    'Lot De {2-12} {decor}s [{decorAdj}] [{colour}]',
    '{decor} [En {wood}] [{colour}] [Hauteur {10-120} cm]',
    'Plaque Déco "{invented}" [{colour}] [{20-60} cm]',
  ],
  sentences: [
    'Apportez une touche {style} à votre {room}.',
    'Hauteur : {10-120} cm.',
    'Matière : {wood}.',
    'Fonctionne avec {2|3} piles AA non fournies.',
    'Parfum : {vanille|fleur de coton|bois de santal|monoï|figue|lavande}.',
    'Guirlande de {10-100} LED, longueur {1-10} m.',
    'Objet décoratif {colour}, idéal dans une {chambre|entrée|cuisine}.',
    'Fixation murale incluse.',
    'Dimensions : {dims}.',
    'Le cadeau idéal pour une crémaillère.',
  ],
  emptyDescription: 0.27,
  english: 0.05,
  german: 0.02,
  en: {
    slots: {
      noun: words('wall sticker | photo frame | vase | LED string lights | candle | mirror'),
    },
    titles: [
      '{noun} Home Decor [{colour}] [{10-120} cm]',
      'Decorative {noun} For Living Room [{colour}]',
    ],
    sentences: ['Perfect home decoration.', 'Size: {10-120} cm.', 'Batteries not included.'],
  },
  de: {
    slots: { noun: words('Wandtattoo | Bilderrahmen | Vase | Lichterkette | Kerze | Spiegel') },
    titles: ['{noun} Deko [{colour}]', '{noun} Wohnzimmer [{10-120} cm]'],
    sentences: ['Schöne Dekoration.', 'Höhe: {10-120} cm.'],
  },
};

export const HOME_LEXICONS = {
  1560: FURNITURE,
  1920: LINEN,
  2060: DECORATION,
} as const satisfies Record<number, Lexicon>;
