import type { Db } from '../../core/db/connect';
import type { ObjectStore } from '../../core/storage/object-store';
import { lineageOf } from './lineage';
import type { DatasetLineage } from './lineage';
import { readModelCard } from './model-card';
import { shadowAgreement } from './shadow-agreement';
import type { ShadowAgreement } from './shadow-agreement';
import { getModelWithStatus } from './status';
import type { ModelStatus } from './status';
import { confusionDiff, differingKeys, metricDiffs, perClassDiff } from './version-diff';
import type { ClassF1Diff, ConfusionComparison, KeyDiff, MetricDiff } from './version-diff';

/** Two versions asked to be compared with themselves. */
export class SameVersionError extends Error {
  override name = 'SameVersionError';
}

export interface VersionSide {
  version: string;
  status: ModelStatus;
  family: string | null;
  dataset_version: string;
  created_at: string;
}

export interface Comparison {
  a: VersionSide;
  b: VersionSide;
  metrics: MetricDiff[];
  per_class_f1: ClassF1Diff[];
  confusion: ConfusionComparison;
  parameters: KeyDiff[];
  lineage: KeyDiff[];
  shadow: ShadowAgreement | null;
}

/** What a lineage says, flattened to keys worth comparing: the sources' names stand for them. */
function lineageFacts(datasetVersion: string, lineage: DatasetLineage): object {
  return {
    dataset_version: datasetVersion,
    trained_on_demo: lineage.trainedOnDemo,
    sources: Object.fromEntries(
      (lineage.composition ?? []).map((s) => [
        s.name,
        { rows: s.rows, gold_rows: s.gold_rows, demo: s.demo },
      ]),
    ),
  };
}

/**
 * Two versions side by side, every difference b − a: the registry's metrics, the cards' holdout
 * per-class F1 and confusion, what differs in their parameters and lineage, and their agreement
 * on the shadow log. A RegistryError names a version that does not exist.
 */
export async function compareVersions(
  { db, store }: { db: Db; store: ObjectStore },
  a: string,
  b: string,
): Promise<Comparison> {
  if (a === b) throw new SameVersionError(`compare ${a} with another version, not with itself`);
  const [ma, mb] = await Promise.all([getModelWithStatus(db, a), getModelWithStatus(db, b)]);
  const [cardA, cardB, lineageA, lineageB, shadow] = await Promise.all([
    readModelCard(store, ma),
    readModelCard(store, mb),
    lineageOf(db, ma.dataset_version),
    lineageOf(db, mb.dataset_version),
    shadowAgreement(db, a, b),
  ]);
  const side = (m: typeof ma): VersionSide => ({
    version: m.version,
    status: m.status,
    family: m.family,
    dataset_version: m.dataset_version,
    created_at: m.created_at.toISOString(),
  });
  const settings = (m: typeof ma) => ({ family: m.family, seed: m.seed, ...m.parameters });
  return {
    a: side(ma),
    b: side(mb),
    metrics: metricDiffs(ma.metrics, mb.metrics),
    per_class_f1: perClassDiff(cardA?.holdout, cardB?.holdout),
    confusion: confusionDiff(
      { codes: cardA?.codes, holdout: cardA?.holdout },
      { codes: cardB?.codes, holdout: cardB?.holdout },
    ),
    parameters: differingKeys(settings(ma), settings(mb)),
    lineage: differingKeys(
      lineageFacts(ma.dataset_version, lineageA),
      lineageFacts(mb.dataset_version, lineageB),
    ),
    shadow,
  };
}
