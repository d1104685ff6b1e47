import { buildArtifacts } from '../../models/artifacts';
import { packageVersions } from '../../core/config/package-versions';
import { buildCard, CARD_PACKAGES } from '../../models/card';
import type { ModelCard } from '../../models/card';
import { CATEGORY_CODES } from '../../models/categories';
import { fitSelected } from '../../models/train/select';
import type { FamilyResult } from '../../models/train/select';
import type { TrainedClassifier } from '../../models/train/train-classifier';
import type { ObjectStore } from '../../core/storage/object-store';
import type { CandidateResult } from './candidate';
import { CARD_FILE, FEATURIZER_FILE, MODEL_FILE } from '../../models/artifacts';
import { modelFileKey } from './model-files';
import { putObject, readObject } from '../../core/storage/objects';
import { loadTrainingSet, TrainingDataError } from './training-set';
import type { TrainingSpec } from './training-set';

export interface RefitInput extends TrainingSpec {
  modelVersion: string;
  candidates: CandidateResult[];
}

export interface RefitResult {
  family: string;
  hyper: object;
  temperature: number;
  cv: { weightedF1: number; macroF1: number; accuracy: number; ece: number };
  trainRows: number;
  goldRows: number;
  seconds: number;
}

/**
 * Picks the best candidate (or blend) by cross-validation, calibrates and refits it on the whole
 * training set, and writes its serving files under the version's prefix.
 */
export async function refitModel(
  store: ObjectStore,
  input: RefitInput,
  progress: (step: string) => void,
): Promise<RefitResult> {
  const started = performance.now();
  const set = await loadTrainingSet(store, input, (done) => {
    if (done % 1_000 === 0) progress(`featurising ${done}`);
  });
  const featurized = performance.now();
  const C = CATEGORY_CODES.length;
  const results: FamilyResult[] = await Promise.all(
    input.candidates.map(async (c) => {
      const bytes = await readObject(store, store.buckets.models, c.oofKey);
      if (bytes.length !== set.rows.length * C * 8) {
        throw new TrainingDataError(
          `${c.oofKey} holds ${bytes.length / 8 / C} rows of scores, the training set ${set.rows.length}`,
        );
      }
      const oofLogits = new Float64Array(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      );
      return { family: c.family, best: c.best, grid: c.grid, seconds: c.seconds, oofLogits };
    }),
  );
  progress('refitting');
  const options = { folds: input.folds, seed: input.seed, nClasses: C, codes: CATEGORY_CODES };
  const model = fitSelected(set.corpus, set.indexes, set.labels, results, options);
  const classCounts: Record<string, number> = {};
  for (const code of CATEGORY_CODES) classCounts[code] = 0;
  for (const row of set.rows) classCounts[row.prdtypecode]!++;
  const seconds = (performance.now() - started) / 1000;
  const trained: TrainedClassifier = {
    model,
    featureParams: set.featureParams,
    codes: CATEGORY_CODES,
    data: {
      hash: input.datasetVersion,
      rows: set.rows.length + set.gold.length,
      trainRows: set.rows.length,
      holdoutRows: set.gold.length,
      classCounts,
    },
    timing: {
      featurizeSeconds: (featurized - started) / 1000,
      selectSeconds: (performance.now() - featurized) / 1000,
      totalSeconds: seconds,
    },
  };
  const card: ModelCard = buildCard(trained, {
    seed: input.seed,
    folds: input.folds,
    packages: packageVersions(CARD_PACKAGES),
  });
  const artifacts = buildArtifacts(trained, card);
  await putObject(
    store,
    store.buckets.models,
    modelFileKey(input.modelVersion, MODEL_FILE),
    Buffer.from(artifacts.onnx),
    'application/octet-stream',
  );
  await putObject(
    store,
    store.buckets.models,
    modelFileKey(input.modelVersion, FEATURIZER_FILE),
    artifacts.featurizer,
    'application/json',
  );
  // A first card, without gold metrics: exporting the model completes it.
  await putObject(
    store,
    store.buckets.models,
    modelFileKey(input.modelVersion, CARD_FILE),
    artifacts.card,
    'application/json',
  );
  return {
    family: model.family,
    hyper: model.hyper,
    temperature: model.temperature,
    cv: {
      weightedF1: model.cv.weightedF1,
      macroF1: model.cv.macroF1,
      accuracy: model.cv.accuracy,
      ece: model.cv.ece!,
    },
    trainRows: set.rows.length,
    goldRows: set.gold.length,
    seconds,
  };
}
