/**
 * The garden: garden furniture (2582), pools and their upkeep (2583, the largest category) and
 * garden tools (2585). Pumps, hoses, tarpaulins and loungers sit on the borders between them,
 * and garden tables share their materials and sizes with indoor furniture.
 */
import type { Lexicon, Slots } from '../lexicon';
import { agree, nouns, words } from '../lexicon';
import { FURNITURE_SLOTS } from './home';

const GARDEN_SLOTS: Slots = {
  gardenBrand: words(
    'VidaXL | Outsunny | Homcom | Jardideco | Jardiline | Truffaut | Gardenstar | Intex | Bestway | ' +
      'Gardena | Hozelock | Ubbink | {invented} | {invented} Garden',
  ),
  outdoorSurface: words('Terrasse | Jardin | Balcon | Extérieur | Piscine | Véranda | Patio'),
};

const GARDEN_FURNITURE: Lexicon = {
  slots: {
    ...FURNITURE_SLOTS,
    ...GARDEN_SLOTS,
    gardenFurniture: nouns(
      'salon de jardin | bain de soleil | transat | parasol | hamac | fauteuil de jardin | ' +
        'banc de jardin | coussin d’extérieur | ensemble table et chaises | pied de parasol | ' +
        'voile d’ombrage | paravent | canapé d’extérieur | fauteuil | banc | tabouret',
      'table de jardin | chaise de jardin | tonnelle | pergola | balancelle | chilienne | ' +
        'housse de protection | table | chaise | chaise longue | table pliante | table basse',
    ),
    gardenMaterial: words(
      'Résine Tressée | Aluminium | Teck | Acacia | Bois | Métal | Polyrotin | Acier | Eucalyptus | ' +
        'Résine | Fer Forgé | Textilène | Pin Traité',
    ),
    gardenAdj: agree(
      'pliant/pliante | empilable | inclinable | résistant/résistante aux UV | imperméable | ' +
        'd’extérieur | réglable | déporté/déportée | modulable | anti-rouille',
    ),
  },
  titles: [
    '{gardenFurniture} [{gardenAdj}] En {gardenMaterial} [{colour}]',
    '{gardenFurniture} [{gardenAdj}] En {gardenMaterial} [{colour}]',
    '{gardenFurniture} {gardenAdj} [{colour}] [{dims}]',
    '{gardenFurniture} {places} En {gardenMaterial} [{colour}]',
    '{gardenBrand} {gardenFurniture} [{gardenAdj}] [{colour}]',
    'Salon De Jardin {places} [{gardenMaterial}] [+ Coussins] [{colour}]',
    'Parasol {Déporté|Droit|Inclinable} {2-4} m [{colour}] [{gardenAdj}]',
    '{gardenFurniture} {style} [{gardenMaterial}] [{dims}]',
    '{gardenFurniture} [{gardenAdj}] {outdoorSurface} [{colour}]',
  ],
  sentences: [
    'Idéal pour votre {outdoorSurface}.',
    'Structure en {gardenMaterial}, résistante aux intempéries.',
    'Dimensions : {dims}.',
    'Coussins déhoussables inclus.',
    'Toile en polyester {160|180|220|250} g/m², traitée anti-UV.',
    'Ne nécessite aucun entretien particulier.',
    'Se replie facilement pour le rangement en hiver.',
    'Nombre de places : {2-8}.',
    'Livré avec {2|4|6} chaises.',
    'Montage simple, visserie fournie.',
  ],
  emptyDescription: 0.2,
  english: 0.02,
  german: 0.02,
  en: {
    slots: { noun: words('garden furniture set | patio chair | sun lounger | parasol | gazebo') },
    titles: ['Outdoor {noun} [{gardenMaterial}] [{colour}]', '{gardenBrand} {noun} [{dims}]'],
    sentences: ['Weather resistant.', 'Dimensions: {dims}.', 'Cushions included.'],
  },
  de: {
    slots: { noun: words('Gartenmöbel | Sonnenliege | Sonnenschirm | Gartenstuhl | Pavillon') },
    titles: ['{gardenBrand} {noun} [{colour}]', '{noun} Aluminium [{dims}]'],
    sentences: ['Wetterfest.', 'Maße: {dims}.'],
  },
};

const POOL: Lexicon = {
  slots: {
    ...GARDEN_SLOTS,
    poolThing: nouns(
      'liner | filtre à sable | robot piscine | skimmer | chlore | galet de chlore | pH moins | ' +
        'balai de piscine | thermomètre | tapis de sol | spa gonflable | jacuzzi | matelas gonflable | ' +
        'électrolyseur | traitement choc | floculant | kit de nettoyage | projecteur LED | ' +
        'enrouleur de bâche | local technique | aspirateur de piscine | tuyau flottant',
      'piscine hors sol | piscine tubulaire | piscine autoportante | piscine en bois | ' +
        'bâche de piscine | pompe de filtration | pompe à chaleur | épuisette | échelle de piscine | ' +
        'douche solaire | bouée | couverture à bulles | cartouche de filtration | ' +
        'bâche à bulles | pastille de chlore | bâche d’hivernage',
    ),
    poolBrand: words(
      'Intex | Bestway | Zodiac | Dolphin | Hayward | Gré | Kokido | Astralpool | Speck | Poolex | ' +
        'Procopi | Toucan | Mareva | Polaris | Ubbink | Bayrol | Summer Fun | {invented}',
    ),
    poolDims: [
      '{300-800} x {200-500} x {100-150} cm',
      'Ø {2,44|3,05|3,66|4,57|5,49} m',
      '{3,00|4,00|5,00|6,10} x {1,22|1,32|2,50} m',
    ],
    poolSize: ['{poolDims}', '{poolDims}', '{1-10} kg', '{5-25} L', '{2-20} m³/h'],
    poolAdj: agree(
      'hors sol | tubulaire | gonflable | autoportant/autoportante | électrique | automatique | ' +
        'rond/ronde | ovale | rectangulaire | solaire | stabilisé/stabilisée | multifonction',
    ),
  },
  titles: [
    '{poolThing} [{poolAdj}] [{poolBrand}] [{poolSize}]',
    '{poolThing} [{poolAdj}] [{poolBrand}] [{poolSize}]',
    '{poolThing} {poolAdj} {poolSize} [{colour}]',
    '{poolBrand} {poolThing} [{poolSize}] [{ref}]',
    'Piscine {poolAdj} {poolDims} [{poolBrand}] [+ Pompe]',
    '{poolThing} Pour Piscine [{poolAdj}] [{poolSize}]',
    'Chlore {Lent|Choc|Multifonction} Galets {20|200|250} g - {1-10} kg [{poolBrand}]',
    '{poolThing} {poolBrand} {ref}',
    'Robot Piscine {poolAdj} [{poolBrand}] [{ref}]',
  ],
  sentences: [
    'Dimensions : {poolDims}.',
    'Débit de la pompe : {2-20} m³/h.',
    'Compatible avec les piscines {poolBrand}.',
    'Puissance : {200-1500} W.',
    'Nettoie le fond, les parois et la ligne d’eau.',
    'Traitement de l’eau pour piscines jusqu’à {10-100} m³.',
    'Liner en PVC {0,4|0,5|0,6|0,75} mm.',
    'Structure en acier galvanisé, montage sans outil.',
    'Capacité : {1000-30000} litres.',
    'Garantie {1|2|3} ans constructeur.',
    'Chauffe l’eau jusqu’à {28-40} °C.',
  ],
  emptyDescription: 0.27,
  english: 0.03,
  german: 0.02,
  en: {
    slots: { noun: words('pool | pool pump | pool cover | pool ladder | pool cleaner | spa') },
    titles: ['{poolBrand} Above Ground {noun} [{poolSize}]', '{noun} {poolBrand} [{ref}]'],
    sentences: ['Pump flow: {2-20} m³/h.', 'Easy setup.', 'Capacity: {1000-30000} L.'],
  },
  de: {
    slots: { noun: words('Pool | Poolpumpe | Poolabdeckung | Poolleiter | Sandfilteranlage') },
    titles: ['{poolBrand} {noun} [{poolSize}]', 'Aufstellpool {poolSize} [+ Pumpe]'],
    sentences: ['Einfacher Aufbau.', 'Leistung: {200-1500} W.'],
  },
};

const GARDEN_TOOLS: Lexicon = {
  slots: {
    ...GARDEN_SLOTS,
    tool: nouns(
      'taille-haie | souffleur | sécateur | râteau | coupe-bordure | tuyau d’arrosage | ' +
        'arrosoir | pulvérisateur | scarificateur | motoculteur | composteur | abri de jardin | ' +
        'récupérateur d’eau | programmateur d’arrosage | nettoyeur haute pression | ' +
        'enrouleur de tuyau | broyeur de végétaux | désherbeur | plantoir | grillage | ' +
        'kit d’arrosage | pistolet d’arrosage | coupe-branches | bac à compost',
      'tondeuse | débroussailleuse | tronçonneuse | pelle | bêche | brouette | motobineuse | ' +
        'serre de jardin | bâche | clôture | paire de gants de jardinage | fourche | binette | ' +
        'cisaille | scie d’élagage | tondeuse robot | lame | chaîne de tronçonneuse | ' +
        'bordure de jardin | jardinière',
    ),
    toolBrand: words(
      'Gardena | Bosch | Black & Decker | Ryobi | Makita | Einhell | Stihl | Husqvarna | Fiskars | ' +
        'Wolf Garten | Hozelock | Greenworks | Worx | Kärcher | Scheppach | Ozaki | Hyundai | ' +
        'Outils Perrin | {invented}',
    ),
    power: words(
      '18 V | 20 V | 36 V | 40 V | 500 W | 750 W | 1000 W | 1200 W | 1600 W | 2000 W | 2500 W | ' +
        '25 cm³ | 43 cm³ | 52 cm³ | 140 cc | 160 cc',
    ),
    toolAdj: agree(
      'électrique | thermique | sans fil | à batterie | télescopique | ergonomique | ' +
        'professionnel/professionnelle | autotracté/autotractée | pliable | extensible | ' +
        'galvanisé/galvanisée | en acier',
    ),
    length: words('15 m | 20 m | 25 m | 30 m | 50 m | 40 cm | 46 cm | 55 cm | 1,5 m | 2 m | 3 m'),
  },
  titles: [
    '{tool} {toolAdj} [{power}] [{toolBrand}]',
    '{tool} {toolAdj} [{power}] [{toolBrand}]',
    '{toolBrand} {tool} [{toolAdj}] [{power}] [{ref}]',
    '{tool} [{toolAdj}] {length} [{toolBrand}]',
    '{tool} {toolAdj} [{colour}] [{length}]',
    'Abri De Jardin {toolAdj} {2-20} m² [{gardenBrand}]',
    'Serre De Jardin {2-20} m² [{toolAdj}] [{colour}]',
    '{tool} [{toolAdj}] Pour {outdoorSurface} [{toolBrand}]',
    'Lot De {2-6} {tool}s [{toolBrand}]',
  ],
  sentences: [
    'Puissance : {power}.',
    'Largeur de coupe : {30-55} cm.',
    'Batterie {18|20|36|40} V {2|4|5} Ah {incluse|non incluse}.',
    'Longueur : {length}.',
    'Poignée ergonomique pour un travail sans fatigue.',
    'Bac de ramassage de {30-70} L.',
    'Idéal pour l’entretien de votre {outdoorSurface}.',
    'Acier trempé, manche en {bois|fibre de verre|aluminium}.',
    'Résiste au gel et aux UV.',
    'Raccord rapide compatible {toolBrand}.',
  ],
  emptyDescription: 0.2,
  english: 0.02,
  german: 0.03,
  en: {
    slots: {
      noun: words('hedge trimmer | garden hose | lawn mower | pruning shears | wheelbarrow'),
    },
    titles: ['{toolBrand} {noun} [{power}]', 'Cordless {noun} [{power}] [{colour}]'],
    sentences: ['Power: {power}.', 'Ergonomic handle.', 'Battery not included.'],
  },
  de: {
    slots: {
      noun: words('Heckenschere | Gartenschlauch | Rasenmäher | Gartenschere | Schubkarre'),
    },
    titles: ['{toolBrand} {noun} [{power}]', '{noun} Akku [{power}]'],
    sentences: ['Leistung: {power}.', 'Ergonomischer Griff.'],
  },
};

export const GARDEN_LEXICONS = {
  2582: GARDEN_FURNITURE,
  2583: POOL,
  2585: GARDEN_TOOLS,
} as const satisfies Record<number, Lexicon>;
