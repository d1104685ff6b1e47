/**
 * Learned parameters of the two shapes of model the platform serves. Every family reduces to
 * one of them: logistic regression, the linear SVM and Complement Naive Bayes are linear; the
 * embedding-bag network is an MLP. Scores become probabilities as softmax(logits / temperature).
 */
export interface LinearParams {
  kind: 'linear';
  nFeatures: number;
  nClasses: number;
  /** Row-major [nFeatures × nClasses]: weights[f * nClasses + c]. */
  weights: Float32Array;
  /** [nClasses] */
  bias: Float32Array;
}

/** A fastText-style embedding bag, one hidden ReLU layer, then a linear output layer. */
export interface MlpParams {
  kind: 'mlp';
  nFeatures: number;
  nClasses: number;
  embeddingDim: number;
  hiddenDim: number;
  /** Row-major [nFeatures × embeddingDim]. */
  embedding: Float32Array;
  /** Row-major [embeddingDim × hiddenDim]. */
  hiddenWeights: Float32Array;
  /** [hiddenDim] */
  hiddenBias: Float32Array;
  /** Row-major [hiddenDim × nClasses]. */
  outputWeights: Float32Array;
  /** [nClasses] */
  outputBias: Float32Array;
}

export type ModelParams = LinearParams | MlpParams;
