import { ZodError } from 'zod';
import {
  compareProfiles,
  profileSample,
  renderDriftReport,
  resolveDriftThresholds,
} from '../../models/drift';
import type { DriftResult, DriftThresholds } from '../../models/drift';
import type { Db } from '../../core/db/connect';
import { Classifier } from '../../models/classifier';
import { championOf } from '../registry/champion';
import { getModel } from '../registry/versions';
import type { ObjectStore } from '../../core/storage/object-store';
import { readModelArtifacts } from '../training/model-files';
import { putObject } from '../../core/storage/objects';
import { driftReportKey } from '../../core/contracts/drift-check';
import type { DriftCheckResult, DriftWindow } from '../../core/contracts/drift-check';
import { referenceSample } from './drift-reference';
import { saveDriftReport } from './drift-reports';
import { recentPredictions, recentProducts } from './drift-window';

/** A drift check's input that retrying cannot fix. */
export class DriftInputError extends Error {
  override name = 'DriftInputError';
}

export interface DriftCheckRequest {
  reportId: string;
  window: DriftWindow;
  thresholds?: Record<string, unknown>;
}

function thresholdsOf(overrides: Record<string, unknown> | undefined): DriftThresholds {
  try {
    return resolveDriftThresholds(overrides ?? {});
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const problems = error.issues.map((i) => `${i.path.join('.') || 'thresholds'}: ${i.message}`);
    throw new DriftInputError(`invalid drift thresholds: ${problems.join('; ')}`);
  }
}

/**
 * One drift check: the champion's training snapshot (and its predictions on it) against the
 * products of the last batches and the champion's last predictions. Without a champion or with
 * too little current data it records "insufficient data"; it never compares with anything else.
 */
export async function runDriftCheck(
  deps: { db: Db; store: ObjectStore },
  request: DriftCheckRequest,
  progress: (step: string) => void = () => undefined,
): Promise<DriftCheckResult> {
  const { db, store } = deps;
  const { reportId, window } = request;
  const thresholds = thresholdsOf(request.thresholds);
  const insufficient = async (
    reason: string,
    championVersion: string | null,
    datasetVersion: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<DriftCheckResult> => {
    await saveDriftReport(db, {
      id: reportId,
      status: 'insufficient_data',
      severity: 'none',
      reason,
      champion_version: championVersion,
      dataset_version: datasetVersion,
      window: { ...window, ...extra },
      result: null,
      report_key: null,
    });
    return {
      reportId,
      status: 'insufficient_data',
      severity: 'none',
      reason,
      championVersion,
      drifted: [],
      reportKey: null,
      signalled: false,
    };
  };

  const champion = await championOf(db);
  if (!champion) {
    return insufficient('no champion model yet: there is no reference to compare with', null, null);
  }
  const model = await getModel(db, champion.version);
  progress('reading the current window');
  const [products, predictions] = await Promise.all([
    recentProducts(db, window.batches),
    recentPredictions(db, champion.version, window.predictions),
  ]);
  const counts = {
    currentProducts: products.rows.length,
    currentPredictions: predictions.length,
    batchIds: products.batchIds,
  };
  if (products.rows.length < thresholds.minSamples && predictions.length < thresholds.minSamples) {
    return insufficient(
      `too little current data: ${products.rows.length} products in the last ${window.batches} batches and ${predictions.length} predictions of ${champion.version}; each side needs ${thresholds.minSamples}`,
      champion.version,
      model.dataset_version,
      counts,
    );
  }

  progress('scoring the reference sample');
  const classifier = await Classifier.load(await readModelArtifacts(store, model));
  let result: DriftResult;
  try {
    const reference = await referenceSample(
      store,
      classifier,
      model.dataset_version,
      window.referenceRows,
    );
    const featurizer = classifier.featurizerInfo();
    const options = { vocabulary: featurizer.unigrams, params: featurizer.params };
    progress('comparing');
    const referenceProfile = profileSample(reference, options);
    result = compareProfiles(
      referenceProfile,
      // The current tokens are counted in the reference's bins, so the two line up.
      profileSample(
        { texts: products.rows, predictions },
        { ...options, tokenBins: referenceProfile.tokenBins },
      ),
      thresholds,
    );
  } finally {
    await classifier.release();
  }

  if (result.comparedFeatures === 0) {
    return insufficient(
      'every feature had too few samples on one side to compare',
      champion.version,
      model.dataset_version,
      counts,
    );
  }
  const { drifted, summary: reason } = result;
  const reportKey = driftReportKey(reportId);
  const windowRecord = { ...window, ...counts };
  const createdAt = new Date().toISOString();
  progress('writing the report');
  await putObject(
    store,
    store.buckets.reports,
    reportKey,
    renderDriftReport({
      id: reportId,
      createdAt,
      championVersion: champion.version,
      datasetVersion: model.dataset_version,
      window: windowRecord,
      result,
    }),
    'text/html; charset=utf-8',
  );
  await saveDriftReport(db, {
    id: reportId,
    status: 'ok',
    severity: result.severity,
    reason,
    champion_version: champion.version,
    dataset_version: model.dataset_version,
    window: windowRecord,
    result: result as unknown as Record<string, unknown>,
    report_key: reportKey,
  });
  return {
    reportId,
    status: 'ok',
    severity: result.severity,
    reason,
    championVersion: champion.version,
    drifted,
    reportKey,
    signalled: false,
  };
}
