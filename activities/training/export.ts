import { createHash } from 'node:crypto';
import { CARD_FILE, FEATURIZER_FILE, MODEL_FILE } from '../../models/artifacts';
import type { ModelCard } from '../../models/card';
import { renderModelReport } from '../../models/report';
import type { ObjectStore } from '../../core/storage/object-store';
import type { GoldEvaluation } from './evaluate';
import { modelFileKey, REPORT_FILE } from './model-files';
import { putObject, readObject } from '../../core/storage/objects';

/** The files of a version, by role, as the registry records them. */
export type ArtifactKeys = Record<'model' | 'featurizer' | 'card' | 'report', string>;

export interface ExportedArtifacts {
  keys: ArtifactKeys;
  /** sha256 of each file, by role: a server checks what it downloads against them. */
  sha256: ArtifactKeys;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Completes a version's files: its card gains the gold-holdout metrics, and the HTML report
 * (confusion heatmap, per-class F1, calibration) is written beside it.
 */
export async function exportModel(
  store: ObjectStore,
  input: { modelVersion: string; gold: GoldEvaluation; createdAt: string },
): Promise<ExportedArtifacts> {
  const { modelVersion, gold } = input;
  const cardKey = modelFileKey(modelVersion, CARD_FILE);
  const card = JSON.parse(
    (await readObject(store, store.buckets.models, cardKey)).toString('utf8'),
  ) as ModelCard;
  const completed: ModelCard = { ...card, holdout: gold.metrics };
  const cardText = `${JSON.stringify(completed, null, 2)}\n`;
  await putObject(store, store.buckets.models, cardKey, cardText, 'application/json');
  const report = renderModelReport({
    version: modelVersion,
    datasetVersion: gold.datasetVersion,
    family: card.family,
    createdAt: input.createdAt,
    codes: card.codes,
    categories: card.categories,
    gold: gold.metrics,
    reliability: gold.reliability,
    cv: { weightedF1: card.cv.weightedF1, macroF1: card.cv.macroF1 },
  });
  const reportKey = modelFileKey(modelVersion, REPORT_FILE);
  await putObject(store, store.buckets.models, reportKey, report, 'text/html; charset=utf-8');
  const keys: ArtifactKeys = {
    model: modelFileKey(modelVersion, MODEL_FILE),
    featurizer: modelFileKey(modelVersion, FEATURIZER_FILE),
    card: cardKey,
    report: reportKey,
  };
  const [model, featurizer] = await Promise.all(
    [keys.model, keys.featurizer].map((key) => readObject(store, store.buckets.models, key)),
  );
  return {
    keys,
    sha256: {
      model: sha256(model!),
      featurizer: sha256(featurizer!),
      card: sha256(cardText),
      report: sha256(report),
    },
  };
}
