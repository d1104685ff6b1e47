/** A seeded synthetic French product catalogue for demos, scaling benchmarks and tests. */
export type { CatalogueOptions, SyntheticProduct } from './catalogue';
export { generateCatalogue } from './catalogue';
export type { ChallengeFiles, ChallengeFilesOptions } from './challenge-files';
export { writeChallengeFiles, X_FILE, X_HEADER, Y_FILE, Y_HEADER } from './challenge-files';
export { CLASS_WEIGHTS, classShare } from './class-weights';
