/**
 * Recorded by a serialised featurizer: a model trained on one version's tokens is refused by
 * code of another. Increase it with any change that alters the output of `tokenize`.
 */
export const TEXT_PROCESSING_VERSION = 1;
