/** Every category's lexicon, checked to cover exactly the 27 codes. */
import type { CategoryCode } from '../../models/categories';
import type { Lexicon } from '../lexicon';
import { BOOK_LEXICONS } from './books';
import { CHILDREN_LEXICONS } from './children';
import { COLLECTIBLE_LEXICONS } from './collectibles';
import { EVERYDAY_LEXICONS } from './everyday';
import { GAMING_LEXICONS } from './gaming';
import { GARDEN_LEXICONS } from './garden';
import { HOME_LEXICONS } from './home';

export const LEXICONS = {
  ...BOOK_LEXICONS,
  ...GAMING_LEXICONS,
  ...COLLECTIBLE_LEXICONS,
  ...CHILDREN_LEXICONS,
  ...HOME_LEXICONS,
  ...GARDEN_LEXICONS,
  ...EVERYDAY_LEXICONS,
} as const satisfies Record<CategoryCode, Lexicon>;
