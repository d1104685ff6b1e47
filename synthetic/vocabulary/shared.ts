/**
 * Words every category may use: colours, sellers' boilerplate, people and places. They carry no
 * class, which is what keeps titles from being separable by a single word.
 */
import { date, ean, inventedName, price, recentYear, reference, year } from '../generators';
import type { Slots } from '../lexicon';
import { agree, words } from '../lexicon';

export const SHARED_SLOTS: Slots = {
  colour: agree(
    'noir/noire | blanc/blanche | gris/grise | rouge | bleu/bleue | vert/verte | jaune | rose | ' +
      'beige | marron | violet/violette | orange | argent | doré/dorée | anthracite | taupe | ' +
      'turquoise | bordeaux | kaki | ivoire | naturel/naturelle | multicolore | bleu marine | ' +
      'transparent/transparente | gris clair | vert sapin | écru/écrue | chocolat | corail',
  ),
  generic: words(
    'Neuf | Nouveau | Original | Qualité Premium | Livraison Rapide | Promo | Pas Cher | ' +
      'Haute Qualité | Idée Cadeau | Édition Limitée | Top Vente | Import | Destockage | ' +
      'Garantie 2 Ans | Tendance | Nouveauté | Lot | Offre Spéciale | Prix Mini | Exclusif | ' +
      'Livraison Gratuite | Stock France | Haut De Gamme | Fabrication Française',
  ),
  condition: words(
    'neuf | neuve | très bon état | bon état | état correct | comme neuf | occasion | ' +
      'jamais servi | sous blister | dans sa boîte',
  ),
  firstName: words(
    'Jean | Marie | Pierre | Sophie | Michel | Catherine | Alain | Isabelle | Philippe | Anne | ' +
      'Jacques | Nathalie | Patrick | Christine | Nicolas | Claire | François | Sylvie | Éric | ' +
      'Hélène | Thomas | Julie | Laurent | Camille | Olivier | Élise | Bernard | Lucie | Henri | ' +
      'Louise | Paul | Juliette | Antoine | Margaux | Victor | Agnès | Gérard | Manon | Hugo',
  ),
  lastName: words(
    'Martin | Bernard | Dubois | Thomas | Robert | Richard | Petit | Durand | Leroy | Moreau | ' +
      'Simon | Laurent | Lefebvre | Michel | Garcia | David | Bertrand | Roux | Vincent | Fournier | ' +
      'Morel | Girard | André | Mercier | Dupont | Lambert | Bonnet | François | Martinez | ' +
      'Legrand | Garnier | Faure | Rousseau | Blanc | Guérin | Muller | Henry | Roussel | Nicolas | ' +
      'Perrin | Morin | Mathieu | Clément | Gauthier | Dumont | Lopez | Fontaine | Chevalier',
  ),
  city: words(
    'Paris | Lyon | Marseille | Bordeaux | Lille | Nantes | Strasbourg | Toulouse | Nice | ' +
      'Rennes | Montpellier | Grenoble | Dijon | Reims | Rouen | Brest | Tours | Limoges | Metz | ' +
      'Bretagne | Normandie | Provence | Alsace | Auvergne | Corse',
  ),
  pieces: words('1 | 2 | 2 | 3 | 4 | 4 | 5 | 6 | 6 | 8 | 10 | 12 | 20 | 24 | 50 | 100'),
  invented: inventedName,
  ref: reference,
  ean,
  date,
  year,
  recentYear,
  price,
};

/** Sellers' boilerplate that ends up in descriptions of any category. */
export const SHARED_SENTENCES: readonly string[] = [
  'Livraison rapide et soignée.',
  'Produit neuf dans son emballage d’origine.',
  'Envoi sous {24|48|72}h{| ouvrées}.',
  'Photos non contractuelles.',
  'Garantie {1|2|3} ans.',
  'Idéal pour offrir{| ou se faire plaisir}.',
  'Satisfait ou remboursé.',
  'Expédié depuis la France.',
  'Quantité limitée{|, profitez-en}.',
  'N’hésitez pas à nous contacter pour toute question.',
  'Retrouvez tous nos produits dans notre boutique.',
  'État : {condition}.',
  'Couleur : {colour}.',
  'Référence : {ref}.',
  'EAN : {ean}.',
  'Le produit peut légèrement différer de la photo.',
  'Emballage soigné, envoi suivi.',
  'Prix : {price}.',
  'Marque : {invented}.',
  'Vendu par un professionnel.',
];

export const SHARED_SLOTS_EN: Slots = {
  colour: words(
    'black | white | grey | red | blue | green | yellow | pink | beige | brown | purple | ' +
      'orange | silver | gold | navy blue | multicolour | clear',
  ),
  generic: words(
    'New | Original | Premium Quality | Fast Shipping | Limited Edition | Best Seller | Import | ' +
      'Gift Idea | Hot Sale | Free Shipping | Brand New',
  ),
  condition: words('new | like new | very good condition | good condition | used | sealed'),
};

export const SHARED_SENTENCES_EN: readonly string[] = [
  'Fast shipping.',
  'Brand new in original packaging.',
  'Please note that colours may vary slightly from the picture.',
  'Package includes: {pieces} x {noun}.',
  '100% brand new and high quality.',
  'Ships within {24|48} hours.',
  'Condition: {condition}.',
  'Colour: {colour}.',
];

export const SHARED_SLOTS_DE: Slots = {
  colour: words(
    'schwarz | weiß | grau | rot | blau | grün | gelb | rosa | beige | braun | lila | silber | gold',
  ),
  generic: words('Neu | Original | Top Qualität | Schneller Versand | Geschenkidee | Neuware'),
  condition: words('neu | neuwertig | sehr gut | gut | gebraucht | originalverpackt'),
};

export const SHARED_SENTENCES_DE: readonly string[] = [
  'Schneller Versand.',
  'Neu und originalverpackt.',
  'Farbe: {colour}.',
  'Lieferumfang: {pieces} x {noun}.',
  'Hohe Qualität zum kleinen Preis.',
  'Zustand: {condition}.',
];
