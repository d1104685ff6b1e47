/**
 * Everyday shopping: groceries (1940), pet supplies (2220) and stationery (2522). They are the
 * most distinct categories, with quantities in g, ml and sheets, which suits their real scores.
 */
import type { Lexicon } from '../lexicon';
import { agree, nouns, words } from '../lexicon';

const GROCERY: Lexicon = {
  slots: {
    food: nouns(
      'café moulu | café en grains | thé vert | thé noir | chocolat noir | chocolat au lait | ' +
        'miel | sirop d’érable | riz basmati | poivre noir | sel de Guérande | vinaigre balsamique | ' +
        'biscuit | caramel | nougat | jus de pomme | lait de croissance | colorant alimentaire | ' +
        'sucre glace | bonbon | pain d’épices | foie gras | cassoulet',
      'capsule de café | dosette | infusion | huile d’olive | sauce tomate | moutarde | confiture | ' +
        'pâte à tartiner | farine | semoule | pâte à sucre | épice | tisane | boisson énergisante | ' +
        'eau minérale | compote | soupe | sauce soja | crème de marrons | galette bretonne',
    ),
    foodBrand: words(
      'Lavazza | Carte Noire | Milka | Lindt | Haribo | Bonne Maman | Lu | Kusmi Tea | Ducros | ' +
        'Scrapcooking | Maille | Lesieur | Panzani | Côte D’Or | Nestlé | Lipton | Candia | ' +
        'Maizena | Twinings | Kotanyi | Valrhona | St Michel | {invented} | Maison {invented}',
    ),
    qty: words(
      '100 g | 125 g | 200 g | 250 g | 300 g | 400 g | 500 g | 750 g | 1 kg | 2 kg | 25 cl | ' +
        '33 cl | 50 cl | 75 cl | 1 L | 1,5 L | 175 ml | 250 ml | 500 ml',
    ),
    foodAdj: agree(
      'bio | artisanal/artisanale | extra | gourmand/gourmande | intense | doux/douce | ' +
        'sans gluten | équitable | aromatisé/aromatisée | vegan | extra-vierge | fumé/fumée | ' +
        'compatible Nespresso | pur arabica',
    ),
    flavour: words(
      'Vanille | Caramel | Noisette | Framboise | Citron | Fraise | Menthe | Pistache | Coco | ' +
        'Fruits Rouges | Truffe | Ail | Basilic | Piment D’Espelette | Cannelle',
    ),
  },
  titles: [
    '{food} {foodAdj} [{flavour}] {qty}',
    '{food} {foodAdj} [{flavour}] {qty}',
    '{foodBrand} {food} [{flavour}] {qty}',
    '{foodBrand} {food} [{foodAdj}] {qty} [x{2-12}]',
    'Lot De {2-24} {food}s [{flavour}] [{foodBrand}]',
    '{10|16|20|30|40|50|100} Capsules {food} [{foodAdj}] [{flavour}]',
    '{food} {flavour} {qty} [{foodAdj}]',
    '{food} [{foodAdj}] - {foodBrand} - {qty}',
  ],
  sentences: [
    'Poids net : {qty}.',
    'Ingrédients : sucre, {flavour}, arômes naturels.',
    'À consommer de préférence avant le {date}.',
    'Conserver dans un endroit frais et sec.',
    'Origine : {France|Italie|Éthiopie|Colombie|Espagne|Belgique}.',
    'Intensité {1-13}.',
    'Valeurs nutritionnelles pour 100 g : {100-550} kcal.',
    'Fabriqué en {city}.',
    'Peut contenir des traces de fruits à coque.',
  ],
  emptyDescription: 0.3,
  english: 0.05,
  en: {
    slots: { noun: words('coffee | chocolate | tea | candy | olive oil | honey') },
    titles: ['{foodBrand} {noun} {qty} [{flavour}]', 'Organic {noun} {qty}'],
    sentences: ['Net weight: {qty}.', 'Store in a cool dry place.', 'Best before {date}.'],
  },
};

const PETS: Lexicon = {
  slots: {
    pet: words(
      'Chien | Chat | Chiot | Chaton | Lapin | Oiseau | Poisson | Rongeur | Reptile | Cheval',
    ),
    petThing: nouns(
      'collier | harnais | manteau | panier | coussin | arbre à chat | griffoir | gamelle | ' +
        'distributeur automatique | jouet | aquarium | terrarium | clapier | transport | ' +
        'shampoing | antiparasitaire | sac de croquettes | os à mâcher | lit | tapis rafraîchissant',
      'laisse | litière | fontaine à eau | croquettes | friandises | cage | niche | mangeoire | ' +
        'caisse de transport | brosse | muselière | veste | pâtée | chatière | balle',
    ),
    petBrand: words(
      'Royal Canin | Purina | Trixie | Zolux | Ferplast | Kerbl | Flamingo | Karlie | Hunter | ' +
        'Feliway | Exo Terra | Tetra | Vitakraft | Pro Plan | Hill’s | Nutro | Fuzzyard | {invented}',
    ),
    petAdj: agree(
      'réglable | rembourré/rembourrée | imperméable | réfléchissant/réfléchissante | ' +
        'automatique | anti-fugue | lavable | anti-traction | chauffant/chauffante | ' +
        'interactif/interactive | sans céréales | hypoallergénique',
    ),
    shop: ['@{invented}{100-9999}', '{invented}{10-99}', 'Gater'],
    petSize: words(
      'XS | S | M | L | XL | XXL | Petit | Moyen | Grand | 2 kg | 4 kg | 12 kg | 15 kg',
    ),
  },
  titles: [
    '{petThing} {petAdj} Pour {pet} [{petSize}] [{colour}]',
    '{petThing} {petAdj} Pour {pet} [{petSize}] [{colour}]',
    '{petBrand} {petThing} {pet} [{petAdj}] [{petSize}]',
    '{petThing} {pet} [{petAdj}] [{colour}] [{shop}]',
    '{petBrand} {petThing} [{pet}] {petSize}',
    '{petThing} {petAdj} {pet} [{20-120} cm]',
  ],
  sentences: [
    'Convient aux animaux de {1-50} kg.',
    'Tour de cou : {20-70} cm.',
    'Formule complète pour {pet} adulte.',
    'Lavable en machine.',
    'Capacité : {1-6} L.',
    'Matière robuste et sans danger pour votre animal.',
    'Taille : {petSize}.',
    'Aide à réduire le stress de votre {pet}.',
  ],
  emptyDescription: 0.3,
  english: 0.08,
  en: {
    slots: { noun: words('dog collar | cat tree | pet bed | dog harness | pet feeder | leash') },
    titles: ['{noun} For {Dogs|Cats|Pets} [{petSize}] [{colour}]', 'Pet {noun} [{shop}]'],
    sentences: ['Suitable for small and medium pets.', 'Adjustable size.', 'Durable material.'],
  },
};

const STATIONERY: Lexicon = {
  slots: {
    supply: nouns(
      'cahier | carnet | agenda | stylo | crayon | classeur | cartable | sac à dos | ' +
        'bloc-notes | surligneur | pinceau | taille-crayon | compas | papier cadeau | ' +
        'porte-documents | protège-cahier | rouleau d’étiquettes | toner | feutre',
      'trousse | enveloppe | ramette de papier | calculatrice | agrafeuse | paire de ciseaux | ' +
        'cartouche d’encre | étiquette | pochette | gomme | règle | colle | craie | ardoise | ' +
        'boîte de rangement | chemise à élastique | recharge',
    ),
    stationeryBrand: words(
      'Clairefontaine | Oxford | Exacompta | Bic | Stabilo | Pilot | Maped | Conquérant | Herlitz | ' +
        'Pentel | Faber-Castell | Staedtler | Canson | Avery | Post-It | HP | Epson | Canon | ' +
        'Brother | Quo Vadis | Paperblanks | Moleskine | {invented}',
    ),
    paper: words(
      'A4 | A5 | A3 | 21 x 29,7 cm | 17 x 22 cm | 24 x 32 cm | 96 Pages | 192 Pages | 90 g | ' +
        '80 g/m² | Seyès | Petits Carreaux | Grands Carreaux | Ligné | Uni | Pointillés',
    ),
    printer: words(
      'HP 301 | HP 302 XL | HP 62 | Epson 603 | Epson T0715 | Canon PG-540 | Canon CL-541 | ' +
        'Brother LC-123 | Brother TN-2420',
    ),
    supplyAdj: agree(
      'scolaire | effaçable | rechargeable | compatible | ergonomique | à spirale | ' +
        'personnalisé/personnalisée | recyclé/recyclée | fluo | permanent/permanente | ' +
        'pailleté/pailletée',
    ),
  },
  titles: [
    '{supply} {supplyAdj} [{paper}] [{colour}]',
    '{supply} {supplyAdj} [{paper}] [{colour}]',
    '{stationeryBrand} {supply} [{paper}] [{supplyAdj}]',
    'Cartouche D’Encre {Compatible|Originale} {printer} [{Noir|Couleur|Cyan|Magenta|Jaune}]',
    'Lot De {2-100} {supply}s [{supplyAdj}] [{colour}]',
    '{stationeryBrand} {supply} {paper} {paper} [{colour}] [{ref}]',
    'Agenda {recentYear} [{paper}] [{stationeryBrand}]',
    '{supply} {colour} [{paper}] [- {stationeryBrand}]',
  ],
  sentences: [
    'Format {paper}, {48|96|140|192} pages.',
    'Papier {70|80|90|100} g/m².',
    'Couverture en {polypro|carton|simili cuir}.',
    'Compatible avec les imprimantes {printer}.',
    'Encre à séchage rapide.',
    'Idéal pour la rentrée scolaire.',
    'Lot de {2-100} pièces.',
    'Rendement : {150-1200} pages.',
  ],
  emptyDescription: 0.35,
  english: 0.03,
  german: 0.02,
  en: {
    slots: { noun: words('notebook | pen | ink cartridge | pencil case | planner') },
    titles: ['{stationeryBrand} {noun} [{paper}]', '{noun} For {printer} [Compatible]'],
    sentences: ['High quality paper.', 'Page yield: {150-1200} pages.'],
  },
  de: {
    slots: {
      noun: words('Notizbuch | Kugelschreiber | Druckerpatrone | Federmäppchen | Kalender'),
    },
    titles: ['{stationeryBrand} {noun} [{paper}]', '{noun} {recentYear} [{paper}]'],
    sentences: ['Hochwertiges Papier.', 'Format {paper}.'],
  },
};

export const EVERYDAY_LEXICONS = {
  1940: GROCERY,
  2220: PETS,
  2522: STATIONERY,
} as const satisfies Record<number, Lexicon>;
