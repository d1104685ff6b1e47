/**
 * Video games and what they are played on: new console games (40), used games (2462), PC games
 * (2905), consoles (60) and accessories (50). One pool of game titles and platforms serves all
 * five, so a bare "{title} PS4" is as ambiguous here as it is on the marketplace.
 */
import type { Lexicon, Slots } from '../lexicon';
import { agree, nouns, words } from '../lexicon';

const GAME_SLOTS: Slots = {
  gameWord: words(
    'Legend | Dragon | Shadow | Battle | Racing | Ninja | Galaxy | Kingdom | Dungeon | Warrior | ' +
      'Empire | Hunter | Knight | Storm | Rally | Soccer | Street | Pirate | Zombie | Space | ' +
      'Farm | Party | Monster | Island | Mystic | Turbo | Titan | Pixel | Sniper | Football',
  ),
  gameSub: words(
    'Origins | Chronicles | Revolution | Rising | Reborn | Evolution | Wars | Quest | Tactics | ' +
      'Heroes | Legends | Unleashed | World Tour | Remastered | Anthology | Adventures',
  ),
  gameTitle: [
    '{gameWord} {gameSub}',
    '{gameWord} {gameWord} {2-5}',
    '{gameWord} {gameSub}: {gameWord} Of {invented}',
    'Super {invented} {Bros|World|Party|Kart|Galaxy}',
    '{invented} {2-6}',
    'Legend Of {invented}',
    '{Foot|Rugby|Tennis|Basket|Hockey|Golf|Cyclisme} {recentYear}',
    '{gameWord} {gameSub} {2-4}',
    'Les Aventures De {invented}',
    '{invented} Et Le {gameWord} Perdu',
  ],
  platform: words(
    'PS4 | PS4 | PS3 | PS2 | Playstation 4 | Xbox One | Xbox One | Xbox 360 | Nintendo Switch | ' +
      'Switch | Switch | Wii | Wii U | Nintendo 3DS | 3DS | DS | PSP | PS Vita | Gamecube | ' +
      'Game Boy Advance | Playstation | Dreamcast',
  ),
  edition: words(
    'Édition Standard | Édition Collector | Game Of The Year | Day One | Édition Deluxe | ' +
      'Gold Edition | Complete Edition | Édition Limitée | Essentials | Platinum | Best Of',
  ),
  pegi: words('PEGI 3 | PEGI 7 | PEGI 12 | PEGI 16 | PEGI 18'),
  gameGenre: words(
    'jeu de course | jeu d’aventure | jeu de rôle | jeu de combat | jeu de plateforme | ' +
      'jeu de sport | jeu de tir | jeu de stratégie | jeu de simulation | jeu de réflexion | ' +
      'party game | jeu d’action',
  ),
  importFrom: words('Import Anglais | Import Us | Import Japonais | Import Allemand | Version Fr'),
};

const GAMEPLAY: readonly string[] = [
  'Plongez dans un {gameGenre} {epic} où chaque choix compte.',
  'Jouez seul ou jusqu’à {2-4} joueurs en écran partagé.',
  'Mode multijoueur en ligne jusqu’à {4-64} joueurs.',
  'Incarnez {invented}, un {gameWord} {epic}, et sauvez le royaume de {invented}.',
  'Plus de {20-200} circuits et {50-500} véhicules.',
  'Textes et voix en français.',
  'Classification : {pegi}.',
  'Un monde ouvert {epic} à explorer.',
  'Débloquez de nouveaux personnages au fil des niveaux.',
  'Genre : {gameGenre}.',
];

const NEW_GAME: Lexicon = {
  slots: {
    ...GAME_SLOTS,
    epic: agree('immense | épique | inédit/inédite | spectaculaire | fantastique | redoutable'),
  },
  titles: [
    '{gameTitle} [{edition}] - {platform}',
    '{gameTitle} {platform}',
    '{gameTitle} {platform}',
    'Jeu {platform} {gameTitle}',
    '{gameTitle} [{edition}] {platform} [Neuf Sous Blister]',
    '{gameTitle} - {importFrom} [- {platform}]',
    '{gameTitle} {platform} [{pegi}]',
    '{gameTitle} - Jeu {platform} [- {edition}]',
  ],
  sentences: [
    ...GAMEPLAY,
    'Jeu neuf sous blister.',
    'Version française.',
    'Sortie : {recentYear}.',
  ],
  emptyDescription: 0.4,
  english: 0.06,
  en: {
    slots: { noun: words('game | video game') },
    titles: ['{gameTitle} ({platform}) [{edition}]', '{gameTitle} - {platform} - Brand New'],
    sentences: [
      'Explore a vast open world.',
      'Play online with up to {4-64} players.',
      'Rated {pegi}.',
      'Region free.',
    ],
  },
};

const USED_GAME: Lexicon = {
  slots: {
    ...GAME_SLOTS,
    epic: agree('immense | épique | inédit/inédite | spectaculaire | fantastique | redoutable'),
    oldPlatform: words(
      'PS2 | PS1 | Playstation | Gamecube | Wii | DS | Game Boy | Game Boy Color | Super Nintendo | ' +
        'Nintendo 64 | Megadrive | Xbox | Xbox 360 | PS3 | PSP | Dreamcast | 3DS',
    ),
    usedState: words(
      'Occasion | Sans Notice | Boîte Abîmée | Complet | Pal | Pal Fr | Cartouche Seule | ' +
        'Cd Seul | Très Bon État | Testé',
    ),
  },
  titles: [
    '{gameTitle} {platform}',
    '{gameTitle} {oldPlatform}',
    '{gameTitle} - {oldPlatform} [- {usedState}]',
    'Jeu {oldPlatform} {gameTitle} [{usedState}]',
    '{gameTitle} [{edition}] - {platform} [{usedState}]',
    'Lot De {2-15} Jeux {oldPlatform}',
    '{gameTitle} {oldPlatform} {usedState}',
    '{gameTitle} - Jeu {platform}',
  ],
  sentences: [
    ...GAMEPLAY,
    'Jeu testé et fonctionnel.',
    'CD en bon état, quelques légères rayures.',
    'Boîtier et notice inclus.',
    'Vendu sans notice.',
    'Cartouche seule, sauvegarde fonctionnelle.',
  ],
  emptyDescription: 0.5,
  english: 0.04,
  en: {
    slots: { noun: words('game | video game') },
    titles: ['{gameTitle} {oldPlatform} [Pal] [Complete]', '{gameTitle} - {platform} - Used'],
    sentences: ['Tested and working.', 'Disc in good condition.', 'No manual.'],
  },
};

const PC_GAME: Lexicon = {
  slots: {
    ...GAME_SLOTS,
    epic: agree('immense | épique | inédit/inédite | spectaculaire | fantastique | redoutable'),
    pcSupport: words(
      'PC | Jeu PC | PC Dvd-Rom | PC Windows | Steam | PC Téléchargement | Clé Steam | Mac | PC/Mac',
    ),
    os: words('Windows 7 | Windows 8 | Windows 10 | Windows 10 64 bits | Windows XP | macOS'),
    cpu: words(
      'Intel Core i3 | Intel Core i5 | Intel Core i7 | AMD Ryzen 5 | AMD FX-6300 | Intel Core 2 Duo',
    ),
    gpu: words(
      'NVIDIA GeForce GTX {660|760|960|1060|1070} | AMD Radeon {R9 280|RX 470|RX 580|HD 7850}',
    ),
  },
  titles: [
    '{gameTitle} - {pcSupport}',
    '{gameTitle} [{edition}] - {pcSupport}',
    '{gameTitle} {pcSupport}',
    'Jeu PC {gameTitle} [{edition}]',
    '{gameTitle} - PC [- {importFrom}]',
    '{gameTitle} [{edition}] (PC)',
  ],
  sentences: [
    ...GAMEPLAY,
    'Configuration minimale : {os}, {cpu}, {4|8|16} Go de RAM.',
    'Carte graphique : {gpu}.',
    'Espace disque : {10-80} Go.',
    'Code d’activation envoyé par email.',
    'Nécessite une connexion internet et un compte Steam.',
    'Système d’exploitation : {os}.',
    'Processeur : {cpu}.',
  ],
  emptyDescription: 0.15,
  english: 0.22,
  en: {
    slots: { noun: words('game | PC game | download code') },
    titles: ['{gameTitle} [{edition}] - PC Download', '{gameTitle} (PC) [Steam Key]'],
    sentences: [
      'Minimum requirements: OS: {os}, Processor: {cpu}, Memory: {4|8|16} GB RAM.',
      'Graphics: {gpu}.',
      'Storage: {10-80} GB available space.',
      'Activation key delivered by email.',
      'Requires internet connection and Steam account.',
    ],
  },
};

const CONSOLE: Lexicon = {
  slots: {
    ...GAME_SLOTS,
    consoleName: words(
      'PS4 Slim | PS4 Pro | Playstation 4 | Xbox One S | Xbox One X | Nintendo Switch | ' +
        'Switch Lite | Wii | Wii U | 3DS XL | New 2DS XL | PSP 3000 | PS Vita | Game Boy Advance SP | ' +
        'Super Nintendo Mini | Megadrive | Nes Classic Mini | Xbox 360 Slim | PS3 Slim | ' +
        'Playstation Classic',
    ),
    storage: words('500 Go | 1 To | 32 Go | 250 Go | 64 Go | 8 Go | 16 Go | 2 To'),
    screen: words('2.4 | 2.8 | 3 | 3.5 | 4.3 | 5 | 6.2 | 7'),
    usedLike: words('Occasion | Très Bon État | Reconditionnée | Neuve'),
  },
  titles: [
    'Console {consoleName} [{storage}] [{colour}]',
    'Console {consoleName} [{storage}] [{colour}]',
    'Pack Console {consoleName} + {gameTitle}',
    'Console Rétro {100-900} Jeux Intégrés [{colour}]',
    'Mini Console Portable {invented} [{screen} Pouces] [{colour}]',
    'Console Portable {invented} {screen}" [{100-900} Jeux] [{colour}]',
    'Console {consoleName} [+ Manette] [{usedLike}]',
    '{consoleName} {storage} [{colour}] [+ {1-3} Jeux]',
    'Console De Jeux {invented} {screen} Pouces [{100-900} Jeux]',
  ],
  sentences: [
    'Console en parfait état de fonctionnement.',
    'Livrée avec {1|2} manette{|s} et câble HDMI.',
    'Résolution 4K HDR.',
    'Écran {screen} pouces.',
    'Disque dur de {storage}.',
    'Compatible avec tous les jeux {consoleName}.',
    'Batterie rechargeable, autonomie de {3-10} heures.',
    '{100-900} jeux rétro intégrés.',
    'Sortie TV AV.',
  ],
  emptyDescription: 0.3,
  english: 0.06,
  en: {
    slots: { noun: words('console | handheld console') },
    titles: [
      'Handheld Game Console {screen} Inch {100-900} Games [{colour}]',
      '{consoleName} Console {storage} [{colour}]',
    ],
    sentences: ['Built-in {100-900} classic games.', 'Rechargeable battery.', 'TV output.'],
  },
};

const ACCESSORY: Lexicon = {
  slots: {
    ...GAME_SLOTS,
    accessory: nouns(
      'câble de charge | chargeur | casque gaming | volant | support | stylet | adaptateur | ' +
        'grip | clavier gamer | tapis de souris | boîtier de protection | étui | joystick | ' +
        'micro-casque | hub usb | ventilateur',
      'manette sans fil | manette filaire | housse | station de charge | carte mémoire | ' +
        'protection écran | sacoche | souris gamer | batterie | caméra | coque | télécommande',
    ),
    gearBrand: words(
      'Speedlink | Thrustmaster | Logitech | Razer | Steelseries | Turtle Beach | Hori | PowerA | ' +
        'Nacon | Bigben | Subsonic | Trust | Under Control | Mad Catz | HyperX | Corsair | ' +
        '{invented}',
    ),
    gearAdj: agree(
      'ergonomique | sans fil | rechargeable | compatible | officiel/officielle | lumineux/lumineuse | ' +
        'antidérapant/antidérapante | rigide | compact/compacte | rétroéclairé/rétroéclairée',
    ),
  },
  titles: [
    '{accessory} [{gearAdj}] Pour {platform} [{colour}]',
    '{accessory} {gearBrand} [{gearAdj}] [{platform}]',
    '{accessory} Pour {platform} [{colour}] [- {gearBrand}]',
    'Manette Sans Fil {platform} [{colour}]',
    'Câble De Charge USB {1-3}m Pour Manette {platform}',
    '{gearBrand} {accessory} [{gearAdj}] [{colour}]',
    'Kit {2-10} En 1 Accessoires {platform}',
    '{accessory} {gearAdj} {platform} [{ref}]',
  ],
  sentences: [
    'Compatible {platform}.',
    'Forme ergonomique pour un confort optimal.',
    'Longueur du câble : {1-3} m.',
    'Connexion sans fil {2.4 GHz|Bluetooth}.',
    'Autonomie : {5-30} heures.',
    'Modèle : {gearBrand} {ref}.',
    'Protège votre console des chocs et des rayures.',
    'Rétroéclairage RGB personnalisable.',
    'Caractéristiques : {gearAdj}, {gearAdj}.',
    'Contenu : {1|2} {accessory}, notice.',
  ],
  emptyDescription: 0.25,
  english: 0.1,
  en: {
    slots: {
      noun: words('controller | charging cable | headset | case | stand | adapter'),
      enAdj: words('Wireless | Wired | Gaming | Protective | Rechargeable | Ergonomic'),
    },
    titles: ['{enAdj} {noun} For {platform} [{colour}]', '{gearBrand} {enAdj} {noun} [{platform}]'],
    sentences: [
      'Compatible with {platform}.',
      'Ergonomic design for long gaming sessions.',
      'Cable length: {1-3} m.',
    ],
  },
};

export const GAMING_LEXICONS = {
  40: NEW_GAME,
  2462: USED_GAME,
  2905: PC_GAME,
  60: CONSOLE,
  50: ACCESSORY,
} as const satisfies Record<number, Lexicon>;
