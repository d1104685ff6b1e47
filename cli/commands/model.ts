import type { Command } from 'commander';
import type { TrainCommandOptions } from '../model/train';
import type { DataOptions } from '../model/read-data';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerModelCommand(program: Command): void {
  const model = program
    .command('model')
    .description('train, evaluate and try the classifier, without Temporal');

  model
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
    .action(async (options: TrainCommandOptions) => {
      const { runTrain } = await import('../model/train');
      await runTrain(options);
    });

  model
    .command('eval')
    .description('score a model folder on labelled data; the last line is JSON')
    .requiredOption('--model <dir>', 'model folder')
    .option('--data <file>', 'labelled CSV; repeatable', collect)
    .option('--x <file>', "the challenge's X file")
    .option('--y <file>', "the challenge's Y file")
    .action(async (options: DataOptions & { model: string }) => {
      const { runEval } = await import('../model/evaluate');
      await runEval(options);
    });

  model
    .command('predict')
    .description('predict the product type of one product')
    .requiredOption('--model <dir>', 'model folder')
    .option('--designation <text>', "the product's title")
    .option('--title <text>', 'an alias of --designation')
    .option('--description <text>', 'the description')
    .option('--top <k>', 'how many candidates to list', Number, 3)
    .action(
      async (options: {
        model: string;
        designation?: string;
        title?: string;
        description?: string;
        top: number;
      }) => {
        const { runPredict } = await import('../model/predict');
        await runPredict(options);
      },
    );
}
