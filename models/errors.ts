/** A data file that cannot be used at all: empty, not CSV, or missing a column. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** A model folder with a file missing. */
export class ModelFilesError extends Error {
  override name = 'ModelFilesError';
}

/** A serialised featurizer this code cannot read. */
export class FeaturizerFormatError extends Error {
  override name = 'FeaturizerFormatError';
}
