import { buildArtifacts, writeArtifacts } from '../../models/artifacts';
import { buildCard } from '../../models/card';
import { FAMILIES, isFamily } from '../../models/train/families';
import type { Family } from '../../models/train/families';
import { trainClassifier } from '../../models/train/train-classifier';
import { createProgress } from '../progress';
import { UserError } from '../user-error';
import type { DataOptions } from './read-data';
import { readData } from './read-data';

export interface TrainCommandOptions extends DataOptions {
  out: string;
  algo: string;
  seed: number;
  folds: number;
  holdout: number;
}

export async function runTrain(options: TrainCommandOptions): Promise<void> {
  if (options.algo !== 'auto' && !isFamily(options.algo)) {
    throw new UserError(
      `--algo must be auto or one of ${FAMILIES.join(', ')}; got ${options.algo}`,
    );
  }
  if (!Number.isInteger(options.folds) || options.folds < 2)
    throw new UserError('--folds must be an integer of at least 2');
  if (!(options.holdout >= 0 && options.holdout < 0.9))
    throw new UserError('--holdout must be between 0 and 0.9');
  const families: readonly Family[] = options.algo === 'auto' ? FAMILIES : [options.algo];
  const rows = readData(options);
  const classes = new Set(rows.map((r) => r.prdtypecode));
  if (rows.length < options.folds * 2)
    throw new UserError(
      `${rows.length} rows are too few for ${options.folds}-fold cross-validation`,
    );

  const progress = createProgress();
  const trained = await trainClassifier(rows, {
    families,
    seed: options.seed,
    folds: options.folds,
    holdout: options.holdout,
    onProgress: (fraction, step) => progress.update(fraction, step),
  });
  progress.stop();
  const card = buildCard(trained, { seed: options.seed, folds: options.folds });
  writeArtifacts(options.out, buildArtifacts(trained, card));

  const { model } = trained;
  for (const c of model.candidates) {
    process.stdout.write(
      `${c.family.padEnd(7)} cv weighted F1 ${c.best.cvWeightedF1.toFixed(4)}  ${JSON.stringify(c.best.hyper)}  (${c.seconds.toFixed(1)} s)\n`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({
      out: options.out,
      family: model.family,
      hyper: model.hyper,
      rows: rows.length,
      classes: classes.size,
      cv_weighted_f1: model.cv.weightedF1,
      holdout_weighted_f1: trained.holdout?.weightedF1 ?? null,
      holdout_macro_f1: trained.holdout?.macroF1 ?? null,
      holdout_ece: trained.holdout?.ece ?? null,
      temperature: model.temperature,
      seconds: trained.timing.totalSeconds,
    })}\n`,
  );
}
