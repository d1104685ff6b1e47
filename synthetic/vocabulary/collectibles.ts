/**
 * Collectors' goods: pop-culture merchandise (1140), trading cards (1160), role-playing games and
 * wargame miniatures (1180) and scale models, radio control and drones (1300). Licences and
 * figurines recur across them and across children's toys.
 */
import type { Lexicon, Slots } from '../lexicon';
import { agree, nouns, words } from '../lexicon';

const LICENCE_SLOTS: Slots = {
  licence: words(
    'Star Wars | Marvel | DC Comics | Harry Potter | Dragon Ball Z | One Piece | Naruto | Pokémon | ' +
      'Disney | Game Of Thrones | The Walking Dead | Le Seigneur Des Anneaux | Retour Vers Le Futur | ' +
      'Stranger Things | Les Simpson | Batman | Spider-Man | Zelda | Super Mario | Sonic | ' +
      'My Hero Academia | Attack On Titan | Doctor Who | Star Trek | Kingdom Hearts | Overwatch | ' +
      'Fortnite | Assassin’s Creed | Jurassic Park | Alien | Astérix | Tintin | Les Schtroumpfs',
  ),
  character: [
    '{invented}',
    '{invented}',
    'Capitaine {invented}',
    '{invented} {Le Guerrier|Le Sage|Le Noir|Le Rouge|Kid|Junior|Bébé}',
    'Docteur {invented}',
  ],
};

const POP_CULTURE: Lexicon = {
  slots: {
    ...LICENCE_SLOTS,
    merch: nouns(
      'mug | porte-clés | poster | coussin | magnet | badge | pin’s | tapis de souris | sac | ' +
        'tee-shirt | bonnet | fanion | plaid | verre',
      'figurine | statuette | tasse | lampe | affiche | boîte à musique | réplique | peluche | ' +
        'horloge | gourde | carte postale | casquette',
    ),
    collectorBrand: words(
      'Funko | Good Smile | Banpresto | Hot Toys | Tsume | Abystyle | Kotobukiya | Bandai | Neca | ' +
        'McFarlane | Eaglemoss | Revoltech | Paladone | Pyramid | Sideshow',
    ),
    merchAdj: agree(
      'officiel/officielle | collector | exclusif/exclusive | numéroté/numérotée | vintage | ' +
        'lumineux/lumineuse | rare | articulé/articulée | en vinyle | en résine | peint/peinte à la main',
    ),
  },
  titles: [
    'Figurine Funko Pop {licence} {character} N°{1-999}',
    'Figurine Pop {licence} {character} [Funko Pop]',
    '{merch} {licence} [{character}] [{merchAdj}]',
    '{merch} {licence} [{merchAdj}]',
    'Statuette {licence} {character} {10-60} cm [{collectorBrand}]',
    '{collectorBrand} {licence} {character} [Action Figure] [{10-30} cm]',
    '{merch} {merchAdj} {licence} - {character}',
    'Figurine {licence} {character} {merchAdj} [{year}]',
  ],
  sentences: [
    'Produit sous licence officielle {licence}.',
    'Hauteur : {8-60} cm.',
    'Figurine en vinyle de la marque {collectorBrand}.',
    'Idéal pour les fans de {licence}.',
    'Livré dans sa boîte fenêtre d’origine.',
    'Capacité : {250-450} ml, passe au lave-vaisselle.',
    'Objet de collection, {condition}.',
    'Série limitée à {500-5000} exemplaires.',
  ],
  emptyDescription: 0.5,
  english: 0.12,
  en: {
    slots: {
      noun: words('figure | mug | keychain | poster | statue | plush'),
    },
    titles: [
      'Funko Pop! {licence} {character} Vinyl Figure #{1-999}',
      '{licence} {character} {noun} [{collectorBrand}]',
      '{collectorBrand} {licence} {character} Action Figure',
    ],
    sentences: [
      'Officially licensed {licence} product.',
      'Stands {8-60} cm tall.',
      'Box may vary.',
    ],
  },
};

const CARDS: Lexicon = {
  slots: {
    tcg: words(
      'Pokémon | Magic | Magic The Gathering | Yu-Gi-Oh! | Dragon Ball Super | Panini | Topps',
    ),
    cardName: [
      '{invented}',
      '{invented} {Ex|Gx|V|Vmax|Lv.X}',
      '{invented} {Le Dragon|L’Ancien|Des Ombres|Du Chaos}',
      '{Seigneur|Dragon|Ange|Magicien|Guerrier|Golem|Spectre} {invented}',
    ],
    cardSet: words(
      'Soleil Et Lune | Épée Et Bouclier | Xy | Noir Et Blanc | Dominaria | Ixalan | Zendikar | ' +
        'Innistrad | Ravnica | Commander | Set De Base | Destinées Occultes | Tempête Céleste | ' +
        '{invented} {Edition|Saga|Reborn}',
    ),
    rarity: words(
      'Commune | Peu Commune | Rare | Mythique | Holo | Reverse | Ultra Rare | Secret Rare | ' +
        'Full Art | Promo | Foil | Premium',
    ),
    cardCode: ['{1-250}/{100-250}', '{A|B|C|D}{1-99}-FR{100-999}', '#{1-300}'],
  },
  titles: [
    'Carte Pokémon {cardName} {cardCode} [{rarity}]',
    'Carte Magic {cardName} - {cardSet} - {rarity}',
    'Yu-Gi-Oh! {cardName} {cardCode} {rarity}',
    'Carte {tcg} {cardName} [{rarity}] [{cardCode}]',
    'Booster {tcg} {cardSet}',
    'Lot De {10-500} Cartes {tcg} [{rarity}]',
    'Carte Panini Football {recentYear} {firstName} {lastName}',
    '{cardName} - {cardSet} - {rarity} [Vf]',
    'Deck {tcg} {cardName} [{40-60} Cartes]',
    'Display {24|36} Boosters {tcg} {cardSet}',
  ],
  sentences: [
    'Carte {condition}, sortie du booster.',
    'Carte en français.',
    'Envoyée sous sleeve et toploader.',
    'Extension : {cardSet}.',
    'Rareté : {rarity}.',
    'Lot de {10-500} cartes dont {1-20} rares.',
  ],
  emptyDescription: 0.55,
  english: 0.22,
  en: {
    slots: { noun: words('card | booster | deck') },
    titles: [
      'Pokemon {cardName} {cardCode} {rarity} [Near Mint]',
      'MTG {cardName} - {cardSet} - {rarity} [Foil]',
      '{cardName} {cardCode} - {tcg} Card',
      '{tcg} {cardSet} Booster Pack',
    ],
    sentences: ['Near mint condition.', 'Ships in a sleeve and toploader.', 'English card.'],
  },
};

const WARGAMES: Lexicon = {
  slots: {
    faction: words(
      'Space Marines | Orks | Eldars | Nécrons | Tyranides | Chaos | Hauts Elfes | Nains | Skavens | ' +
        'Comtes Vampires | Orques Et Gobelins | Hommes-Lézards | Empire | Bretonnie | Dark Angels | ' +
        'Ultramarines | Tau | Elfes Noirs | Guerriers Du Chaos | Garde Impériale',
    ),
    unit: words(
      'Escouade Tactique | Héros | Capitaine | Dreadnought | Chevaliers | Archers | Cavalerie | ' +
        'Sorcier | Char Predator | Motos D’Assaut | Terminators | Régiment | Géant | Dragon | ' +
        'Seigneur De Guerre | Lanciers | Catapulte',
    ),
    rpg: words(
      'Dungeons & Dragons | L’Appel De Cthulhu | Pathfinder | Warhammer Le Jeu De Rôle | ' +
        'Vampire La Mascarade | Shadowrun | Rêve De Dragon | L’Œil Noir | Star Wars Le Jeu De Rôle | ' +
        'Chroniques Oubliées | {invented}',
    ),
    rpgBook: words(
      'Livre De Base | Manuel Des Joueurs | Guide Du Maître | Bestiaire | Écran Du Mj | ' +
        'Campagne | Supplément | Kit D’Initiation | Scénario',
    ),
    miniBrand: words(
      'Games Workshop | Citadel | Mantic | Reaper | Wizards Of The Coast | Privateer Press | Wyrd | ' +
        'Heroclix | Warlord Games | {invented} Miniatures',
    ),
    scaleMm: words('15 mm | 28 mm | 32 mm | 54 mm | 25 mm'),
    miniAdj: agree(
      'peint/peinte | non peint/non peinte | en métal | en plastique | oop | rare | monté/montée',
    ),
  },
  titles: [
    'Warhammer {40K|Battle|Age Of Sigmar} {faction} {unit} [{miniAdj}]',
    '{faction} {unit} [{miniAdj}] [{miniBrand}]',
    'Figurine {faction} {unit} [{miniAdj}]',
    '{rpg} - {rpgBook} [{recentYear}]',
    'Jeu De Rôle {rpg} - {rpgBook}',
    'Figurines {scaleMm} {faction} [{3-30} Pièces]',
    'Set De {7|10|20} Dés {Polyédriques|Jdr} [{colour}]',
    '{miniBrand} {faction} {unit}',
    '{unit} {faction} {miniAdj} [{miniBrand}]',
  ],
  sentences: [
    'Figurines livrées sans socle.',
    'Boîte complète, grappes non détachées.',
    'Échelle {scaleMm}.',
    'Peinture réalisée à la main, niveau tabletop.',
    'Ouvrage de {120-400} pages, couverture rigide.',
    'Compatible avec la {3|4|5}e édition.',
    'Contient {3-30} figurines en plastique.',
  ],
  emptyDescription: 0.6,
  english: 0.22,
  en: {
    slots: { noun: words('miniature | figure | rulebook | dice set') },
    titles: [
      'Warhammer {40K|Fantasy} {faction} {unit} [Painted] [OOP]',
      '{rpg} - {Core Rulebook|Player’s Handbook|Monster Manual|Starter Set}',
      '{miniBrand} {faction} {unit} Metal [OOP]',
    ],
    sentences: ['Out of print.', 'Metal miniatures, unpainted.', 'Hardcover, {120-400} pages.'],
  },
};

const MODELS: Lexicon = {
  slots: {
    scale: words(
      '1/8 | 1/10 | 1/12 | 1/16 | 1/18 | 1/24 | 1/32 | 1/35 | 1/43 | 1/48 | 1/72 | 1/87 | 1/144',
    ),
    vehicle: words(
      'Spitfire | Mirage 2000 | Rafale | Tigre | Panzer IV | Sherman | Jeep Willys | Porsche 911 | ' +
        'Ferrari F40 | Renault 5 | Citroën 2CV | Peugeot 205 | Bugatti | Titanic | Bismarck | ' +
        'Charles De Gaulle | Messerschmitt | Concorde | Boeing 747 | Locomotive BB {1000-9999}',
    ),
    kitBrand: words(
      'Revell | Tamiya | Heller | Airfix | Italeri | Academy | Norev | Solido | Burago | Majorette | ' +
        'Maisto | Hobbico | Carson | Kyosho | Traxxas | Syma | Hubsan | DJI | Märklin | Jouef | Roco | ' +
        '{invented}',
    ),
    rcThing: nouns(
      'drone | quadricoptère | hélicoptère | avion | bateau | camion | buggy | monster truck | char | ' +
        'crawler | hydroglisseur',
      'voiture | voiture de course | maquette | locomotive | moto',
    ),
    rcAdj: agree(
      'radiocommandé/radiocommandée | télécommandé/télécommandée | électrique | thermique | ' +
        'brushless | tout-terrain | pliable | 4x4 | rtr | étanche',
    ),
  },
  titles: [
    'Maquette {vehicle} {scale} [{kitBrand}]',
    'Maquette {vehicle} {scale} [{kitBrand}]',
    '{rcThing} {rcAdj} {scale} [{rcAdj}] [{kitBrand}]',
    'Drone {invented} [Caméra {720p|1080p|4K}] [{colour}] [Wifi Fpv]',
    '{rcThing} {rcAdj} [{2.4|5.8} GHz] [{colour}]',
    'Miniature {vehicle} {scale} [{kitBrand}]',
    'Train Électrique HO [{kitBrand}] {vehicle}',
    '{kitBrand} {ref} - {vehicle} {scale}',
    'Hélicoptère RC {3|4|6} Voies [{rcAdj}] [{colour}]',
    'Peinture Maquette {kitBrand} {10|14|17} ml [{colour}]',
  ],
  sentences: [
    'Maquette à monter et à peindre, colle non fournie.',
    'Échelle {scale}, longueur {10-60} cm.',
    'Portée de la radiocommande : {50-300} m.',
    'Vitesse maximale : {15-80} km/h.',
    'Autonomie de la batterie : {5-25} minutes.',
    'Caméra {720p|1080p|4K} avec retour vidéo sur smartphone.',
    'Moteur {rcAdj}, batterie Li-Po {7.4|11.1} V.',
    'Nombre de pièces : {40-400}.',
    'Livré prêt à rouler avec batterie et chargeur.',
    'Miniature en métal, finitions soignées.',
  ],
  emptyDescription: 0.27,
  english: 0.12,
  en: {
    slots: { noun: words('drone | RC car | model kit | helicopter | quadcopter') },
    titles: [
      '{invented} RC Drone {720p|1080p|4K} Camera Wifi FPV [Foldable] [{colour}]',
      '{scale} {vehicle} Model Kit [{kitBrand}]',
      'RC {noun} {2.4|5.8}GHz [{colour}]',
    ],
    sentences: [
      'Flight time: {5-25} minutes.',
      'Remote control distance: {50-300} m.',
      'Package includes: {1|2} x battery, 1 x remote control.',
    ],
  },
};

export const COLLECTIBLE_LEXICONS = {
  1140: POP_CULTURE,
  1160: CARDS,
  1180: WARGAMES,
  1300: MODELS,
} as const satisfies Record<number, Lexicon>;
