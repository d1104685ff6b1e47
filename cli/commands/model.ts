import type { Command } from 'commander';
import { packageVersions } from '../../core/config/package-versions';
import { buildArtifacts, readArtifacts, writeArtifacts } from '../../models/artifacts';
import { buildCard, CARD_PACKAGES } from '../../models/card';
import { Classifier } from '../../models/classifier';
import { readChallengePair, readLabelledCsv } from '../../models/data/labelled-rows';
import type { LabelledRow, SkippedRow } from '../../models/data/labelled-rows';
import { computeMetrics } from '../../models/metrics';
import { FAMILIES, isFamily } from '../../models/train/families';
import type { Family } from '../../models/train/families';
import { trainClassifier } from '../../models/train/train-classifier';
import { createProgress } from '../progress';
import { UserError } from '../user-error';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(command: Command): void {
  command.description('train, evaluate and try the classifier, without Temporal');

  command
    .command('train')
    .description(
      'select a model by cross-validation, refit it, export model.onnx, featurizer.json and card.json',
    )
    .option(
      '--data <file>',
      'labelled CSV: designation, [description], prdtypecode, [id]; repeatable',
      collect,
    )
    .option('--x <file>', "the challenge's X file (first column: the unnamed row index)")
    .option('--y <file>', "the challenge's Y file (,prdtypecode)")
    .requiredOption('--out <dir>', 'folder to write the model to')
    .option('--algo <family>', 'auto, logreg, svm, cnb or mlp', 'auto')
    .option('--seed <n>', 'seed of every split and initialisation', Number, 42)
    .option('--folds <k>', 'cross-validation folds (5, as GridSearchCV)', Number, 5)
    .option(
      '--holdout <fraction>',
      'stratified fraction held out to score the final model',
      Number,
      0.1,
    )
    .action(runTrain);

  command
    .command('eval')
    .description('score a model folder on labelled data; the last line is JSON')
    .requiredOption('--model <dir>', 'model folder')
    .option('--data <file>', 'labelled CSV; repeatable', collect)
    .option('--x <file>', "the challenge's X file")
    .option('--y <file>', "the challenge's Y file")
    .action(runEval);

  command
    .command('predict')
    .description('predict the product type of one product')
    .requiredOption('--model <dir>', 'model folder')
    .option('--designation <text>', "the product's title")
    .option('--title <text>', 'an alias of --designation')
    .option('--description <text>', 'the description')
    .option('--top <k>', 'how many candidates to list', Number, 3)
    .action(runPredict);
}

interface TrainCommandOptions extends DataOptions {
  out: string;
  algo: string;
  seed: number;
  folds: number;
  holdout: number;
}

async function runTrain(options: TrainCommandOptions): Promise<void> {
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
  const card = buildCard(trained, {
    seed: options.seed,
    folds: options.folds,
    packages: packageVersions(CARD_PACKAGES),
  });
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

/** Scores the model folder's own artifacts (featurizer + ONNX) on labelled rows. */
async function runEval(options: DataOptions & { model: string }): Promise<void> {
  const classifier = await Classifier.load(readArtifacts(options.model));
  const rows = readData(options);
  const codes = classifier.card.codes;
  const classOf = new Map(codes.map((code, i) => [code, i]));
  const C = codes.length;
  const truth = new Int32Array(rows.length);
  const predicted = new Int32Array(rows.length);
  const probabilities = new Float64Array(rows.length * C);
  const progress = createProgress();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const features = classifier.features(row.designation, row.description);
    const scored = await classifier.scoreFeatures(features.indices, features.values);
    truth[i] = classOf.get(row.prdtypecode)!;
    predicted[i] = classOf.get(scored.label)!;
    probabilities.set(scored.probabilities, i * C);
    if (i % 200 === 0) progress.update(i / rows.length, 'scoring');
  }
  progress.stop();
  await classifier.release();
  const m = computeMetrics(truth, predicted, codes, probabilities);
  for (const c of m.perClass) {
    process.stdout.write(
      `${String(c.code).padStart(5)}  precision ${c.precision.toFixed(3)}  recall ${c.recall.toFixed(3)}  f1 ${c.f1.toFixed(3)}  support ${c.support}\n`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({ weighted_f1: m.weightedF1, macro_f1: m.macroF1, accuracy: m.accuracy, ece: m.ece, n: m.n })}\n`,
  );
}

async function runPredict(options: {
  model: string;
  designation?: string;
  title?: string;
  description?: string;
  top: number;
}): Promise<void> {
  const designation = options.designation ?? options.title;
  if (designation === undefined) throw new UserError('--designation is required');
  if (designation.trim() === '') throw new UserError('--designation must not be empty');
  const classifier = await Classifier.load(readArtifacts(options.model));
  const prediction = await classifier.predict(designation, options.description, options.top);
  await classifier.release();
  process.stdout.write(`${JSON.stringify(prediction)}\n`);
}

interface DataOptions {
  data?: string[];
  x?: string;
  y?: string;
}

const SHOWN = 20;

/**
 * Reads every file the command was given. Bad rows are skipped, but never silently: each is
 * reported on stderr with its file and line, and counted.
 */
function readData(options: DataOptions): LabelledRow[] {
  if ((options.x === undefined) !== (options.y === undefined)) {
    throw new UserError('--x and --y go together: the challenge X file and its Y file');
  }
  if (!options.data?.length && !options.x)
    throw new UserError('no data: give --data FILE or --x X.csv --y Y.csv');
  const rows: LabelledRow[] = [];
  const skipped: SkippedRow[] = [];
  for (const file of options.data ?? []) {
    const read = readLabelledCsv(file);
    rows.push(...read.rows);
    skipped.push(...read.skipped);
  }
  if (options.x && options.y) {
    const read = readChallengePair(options.x, options.y);
    rows.push(...read.rows);
    skipped.push(...read.skipped);
  }
  for (const s of skipped.slice(0, SHOWN))
    process.stderr.write(`skipped ${s.file} line ${s.line}: ${s.reason}\n`);
  if (skipped.length > SHOWN)
    process.stderr.write(`... and ${skipped.length - SHOWN} more skipped rows\n`);
  process.stderr.write(
    `read ${rows.length} rows${skipped.length > 0 ? `, skipped ${skipped.length}` : ''}\n`,
  );
  return rows;
}
