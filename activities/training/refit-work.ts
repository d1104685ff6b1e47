import { buildArtifacts } from '../../models/artifacts';
import { buildCard, CARD_PACKAGES } from '../../models/card';
import type { ModelCard } from '../../models/card';
import { CATEGORY_CODES } from '../../models/categories';
import { fitSelected } from '../../models/train/select';
import type { FamilyResult } from '../../models/train/select';
import type { TrainedClassifier } from '../../models/train/train-classifier';
import { packageVersions } from '../../core/config/package-versions';
import { sha256Hex } from '../../core/storage/integrity';
import { decodeSnapshotBytes } from '../datasets/read-snapshot';
import { ownBuffer } from './thread-handover';
import type { RefitFit, ThreadTask } from './thread-protocol';
import { trainingSetOf, TrainingDataError } from './training-set';

/**
 * In a training thread: picks the best candidate (or blend) by cross-validation, calibrates and
 * refits it on the whole training set, and builds its serving files.
 */
export async function refitFiles(
  { snapshot, input, oof }: Extract<ThreadTask, { kind: 'refit' }>,
  progress: (step: string) => void,
): Promise<RefitFit> {
  const started = performance.now();
  const set = trainingSetOf(await decodeSnapshotBytes(snapshot), input, (done) => {
    if (done % 1_000 === 0) progress(`featurising ${done}`);
  });
  const featurized = performance.now();
  const C = CATEGORY_CODES.length;
  const results: FamilyResult[] = input.candidates.map((c, i) => {
    const bytes = oof[i]!;
    if (bytes.byteLength !== set.rows.length * C * 8) {
      throw new TrainingDataError(
        `${c.oofKey} holds ${bytes.byteLength / 8 / C} rows of scores, the training set ${set.rows.length}`,
      );
    }
    const oofLogits = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    return { family: c.family, best: c.best, grid: c.grid, seconds: c.seconds, oofLogits };
  });
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
  const files = { ...artifacts, onnx: ownBuffer(artifacts.onnx) };
  return {
    files,
    // Hashed here, over the very bytes the activity writes.
    sha256: {
      model: sha256Hex(files.onnx),
      featurizer: sha256Hex(files.featurizer),
      card: sha256Hex(files.card),
    },
    result: {
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
    },
  };
}
