import type { Trainer } from './trainer';
import { trainComplementNb } from './complement-nb';
import type { ComplementNbHyper } from './complement-nb';
import { trainLogReg } from './logreg';
import type { LogRegHyper } from './logreg';
import { trainMlp } from './mlp';
import type { MlpHyper } from './mlp';
import { trainSvm } from './svm';
import type { SvmHyper } from './svm';

export const FAMILIES = ['svm', 'logreg', 'cnb', 'mlp'] as const;
export type Family = (typeof FAMILIES)[number];

export interface FamilySpec<H extends object> {
  trainer: Trainer<H>;
  /** The small grid cross-validation searches, as GridSearchCV's param_grid. */
  grid: H[];
}

const svm: FamilySpec<SvmHyper> = {
  trainer: trainSvm,
  // The log-count-ratio variant converges more slowly as rows grow: its epochs are capped, so
  // its time stays linear in the rows.
  grid: [{ C: 0.5 }, { C: 1 }, { C: 0.5, logCountRatio: true, maxEpochs: 50 }],
};
const logreg: FamilySpec<LogRegHyper> = { trainer: trainLogReg, grid: [{ C: 10 }, { C: 30 }] };
const cnb: FamilySpec<ComplementNbHyper> = {
  trainer: trainComplementNb,
  grid: [{ alpha: 0.1 }, { alpha: 0.3 }],
};
const mlp: FamilySpec<MlpHyper> = {
  trainer: trainMlp,
  grid: [{ embeddingDim: 32, hiddenDim: 64, epochs: 4, learningRate: 0.004, batchSize: 64 }],
};

export const FAMILY_SPECS: Record<Family, FamilySpec<object>> = {
  svm: svm as FamilySpec<object>,
  logreg: logreg as FamilySpec<object>,
  cnb: cnb as FamilySpec<object>,
  mlp: mlp as FamilySpec<object>,
};

export function isFamily(name: string): name is Family {
  return (FAMILIES as readonly string[]).includes(name);
}
