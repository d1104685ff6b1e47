/**
 * The 27 product-type codes of the Rakuten France challenge (`prdtypecode`) with their French
 * names. Ingestion rejects any other code; the classifier's outputs are indexed in this order.
 */
export const CATEGORIES = {
  10: 'Livres occasion',
  40: 'Jeux consoles neuf',
  50: 'Accessoires gaming',
  60: 'Consoles de jeux',
  1140: 'Objets pop culture',
  1160: 'Cartes de jeux',
  1180: 'Jeux de rôle et figurines',
  1280: 'Jouets enfant',
  1281: 'Jeux enfant',
  1300: 'Modélisme',
  1301: 'Chaussettes enfant',
  1302: 'Jeux de plein air',
  1320: 'Puériculture',
  1560: 'Mobilier',
  1920: 'Linge de maison',
  1940: 'Épicerie',
  2060: 'Décoration',
  2220: 'Animalerie',
  2280: 'Journaux et revues occasion',
  2403: 'Lots livres et magazines',
  2462: 'Jeux vidéos occasion',
  2522: 'Fournitures papeterie',
  2582: 'Mobilier de jardin',
  2583: 'Piscine et accessoires',
  2585: 'Outillage de jardin',
  2705: 'Livres neufs',
  2905: 'Jeux PC',
} as const satisfies Record<number, string>;

export type CategoryCode = keyof typeof CATEGORIES;

/** The codes in ascending order: the index of a code here is its class index. */
export const CATEGORY_CODES: readonly CategoryCode[] = Object.keys(CATEGORIES)
  .map(Number)
  .sort((a, b) => a - b) as CategoryCode[];

export function isCategoryCode(code: number): code is CategoryCode {
  return Object.hasOwn(CATEGORIES, code);
}
