import { CARD_FILE } from '../../models/artifacts';
import type { ModelCard } from '../../models/card';
import { renderModelReport } from '../../models/report';
import type { Db } from '../../core/db/connect';
import { sha256Hex } from '../../core/storage/integrity';
import { ArtifactRecordError } from '../../core/storage/model-artifacts';
import type { ObjectStore } from '../../core/storage/object-store';
import { putObject } from '../../core/storage/objects';
import { readVerifiedObject } from '../../core/storage/verified-read';
import { readComposition } from '../datasets/composition';
import { getModel } from '../registry/versions';
import type { GoldEvaluation } from './evaluate';
import { modelFileKey, REPORT_FILE } from './model-files';

/** The files of a version, by role, as the registry records them. */
export type ArtifactKeys = Record<'model' | 'featurizer' | 'card' | 'report', string>;

export interface ExportedArtifacts {
  keys: ArtifactKeys;
  /** sha256 of each file, by role: a server checks what it downloads against them. */
  sha256: ArtifactKeys;
}

/**
 * Completes a version's files: its card gains the gold-holdout metrics, and the HTML report
 * (confusion heatmap, per-class F1, calibration) is written beside it. The sha256 it returns,
 * which registration records, are of the bytes written: the model and featurizer as the refit
 * recorded them, the card and report as written here, never of what a read of the bucket gives.
 */
export async function exportModel(
  { db, store }: { db: Db; store: ObjectStore },
  input: { modelVersion: string; gold: GoldEvaluation; createdAt: string },
): Promise<ExportedArtifacts> {
  const { modelVersion, gold } = input;
  const {
    artifacts: written,
    artifact_sha256: sums,
    dataset_version: datasetVersion,
  } = await getModel(db, modelVersion);
  if (
    !written?.model ||
    !written.featurizer ||
    !written.card ||
    !sums?.model ||
    !sums.featurizer ||
    !sums.card
  ) {
    throw new ArtifactRecordError(`model version ${modelVersion} records no refit files to export`);
  }
  const { models } = store.buckets;
  const card = JSON.parse(
    (await readVerifiedObject(store, models, written.card, sums.card)).toString('utf8'),
  ) as ModelCard;
  const composition = await readComposition(db, datasetVersion);
  const completed: ModelCard = {
    ...card,
    holdout: gold.metrics,
    ...(composition ? { composition } : {}),
  };
  const cardText = `${JSON.stringify(completed, null, 2)}\n`;
  const cardKey = modelFileKey(modelVersion, CARD_FILE);
  await putObject(store, models, cardKey, cardText, 'application/json');
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
    ...(composition ? { composition } : {}),
  });
  const reportKey = modelFileKey(modelVersion, REPORT_FILE);
  await putObject(store, models, reportKey, report, 'text/html; charset=utf-8');
  return {
    keys: {
      model: written.model,
      featurizer: written.featurizer,
      card: cardKey,
      report: reportKey,
    },
    sha256: {
      model: sums.model,
      featurizer: sums.featurizer,
      card: sha256Hex(cardText),
      report: sha256Hex(report),
    },
  };
}
