import { CATEGORIES } from './categories';
import type { DatasetComposition } from './data/composition';
import type { Metrics } from './metrics';
import type { TrainedClassifier } from './train/train-classifier';

export const CARD_FORMAT_VERSION = 1;

/** What a model is, how it was made and how good it is: `card.json` beside `model.onnx`. */
export interface ModelCard {
  format: 'rakuten-model-card';
  formatVersion: number;
  family: string;
  hyperParameters: object;
  seed: number;
  folds: number;
  temperature: number;
  codes: number[];
  categories: Record<string, string>;
  features: { params: object; nFeatures: number; words: number; chars: number };
  data: TrainedClassifier['data'];
  cv: {
    weightedF1: number;
    macroF1: number;
    accuracy: number;
    ece: number;
    eceUncalibrated: number;
    candidates: {
      family: string;
      best: object;
      cvWeightedF1: number;
      grid: object[];
      seconds?: number;
    }[];
  };
  holdout?: Omit<Metrics, 'confusion'> & { confusion: number[][] };
  /**
   * The dataset's rows by source and class, so the card alone says what the model learnt from
   * (demo rows included). Added at export with the holdout; absent on cards of datasets
   * snapshotted before compositions were recorded.
   */
  composition?: DatasetComposition;
  packages: Record<string, string>;
  /** Wall-clock figures: the only part of the card that differs between identical runs. */
  timing: Record<string, number>;
}

/** The libraries whose versions a card records: those that featurise text or run the graph. */
export const CARD_PACKAGES = [
  'onnxruntime-node',
  'wink-nlp',
  'wink-eng-lite-web-model',
  'stopwords-iso',
  'snowball-stemmers',
] as const;

export function buildCard(
  trained: TrainedClassifier,
  options: {
    seed: number;
    folds: number;
    /** This project's, Node's and CARD_PACKAGES' versions, read by the caller. */
    packages: Record<string, string>;
  },
): ModelCard {
  const { model } = trained;
  return {
    format: 'rakuten-model-card',
    formatVersion: CARD_FORMAT_VERSION,
    family: model.family,
    hyperParameters: model.hyper,
    seed: options.seed,
    folds: options.folds,
    temperature: model.temperature,
    codes: [...trained.codes],
    categories: Object.fromEntries(
      trained.codes.map((c) => [String(c), CATEGORIES[c as keyof typeof CATEGORIES]]),
    ),
    features: {
      params: trained.featureParams,
      nFeatures: model.fitted.vocabulary.idf.length,
      words: model.fitted.vocabulary.words.length,
      chars: model.fitted.vocabulary.chars.length,
    },
    data: trained.data,
    cv: {
      weightedF1: model.cv.weightedF1,
      macroF1: model.cv.macroF1,
      accuracy: model.cv.accuracy,
      ece: model.cv.ece!,
      eceUncalibrated: model.eceUncalibrated,
      candidates: model.candidates.map((c) => ({
        family: c.family,
        best: c.best.hyper,
        cvWeightedF1: c.best.cvWeightedF1,
        grid: c.grid,
      })),
    },
    ...(trained.holdout ? { holdout: trained.holdout } : {}),
    packages: options.packages,
    timing: {
      ...trained.timing,
      ...Object.fromEntries(model.candidates.map((c) => [`cv_${c.family}_seconds`, c.seconds])),
    },
  };
}
