export { normalizeFrench } from './normalize';
export { FRENCH_STOPWORDS } from './stopwords';
export { tokenize } from './tokenize';
export type { TokenizeOptions } from './tokenize';
export { TEXT_PROCESSING_VERSION } from './version';
