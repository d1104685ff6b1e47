import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ModelCard } from '../models/card';
import { CATEGORY_CODES } from '../models/categories';
import { cleanEnv, runCli } from './helpers/cli';
import { makeDataDir, removeDataDir } from './helpers/data-dir';
import { realFile } from './helpers/real-data';

describe('rakuten model: train, eval and predict from the command line', () => {
  const dir = makeDataDir('rakuten-model-');
  after(() => removeDataDir(dir));
  const env = cleanEnv({ DATA_DIR: dir });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('refuses an empty file, a missing column, and a file with no usable row, in one line', async () => {
    const empty = await runCli(
      ['model', 'train', '--data', write('empty.csv', ''), '--out', dir],
      env,
    );
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /empty\.csv is empty/);

    const noLabel = await runCli(
      [
        'model',
        'train',
        '--data',
        write('nolabel.csv', 'designation,description\nlampe,\n'),
        '--out',
        dir,
      ],
      env,
    );
    assert.equal(noLabel.code, 1);
    assert.match(
      noLabel.stderr,
      /nolabel\.csv has no `prdtypecode` column \(columns: designation, description\)/,
    );

    const allBad = await runCli(
      [
        'model',
        'train',
        '--data',
        write('bad.csv', 'designation,prdtypecode\nlampe,9999\n'),
        '--out',
        dir,
      ],
      env,
    );
    assert.equal(allBad.code, 1);
    assert.match(
      allBad.stderr,
      /bad\.csv has no usable labelled rows; first problem: line 2: unknown prdtypecode "9999"/,
    );
    assert.doesNotMatch(allBad.stderr, /\n\s+at /, 'no stack trace');
  });

  it('reports bad rows by line and skips them with a count: unknown code, empty title, a line that is not CSV', async () => {
    // titles.csv has one record per line, so its first lines make a valid file to spoil.
    const good = fs
      .readFileSync(realFile('titles.csv'), 'utf8')
      .split('\n')
      .slice(0, 200)
      .join('\n');
    const file = write(
      'mixed.csv',
      `${good}\n999001,Lampe,,1234\n999002,,,10\n999003,"Lampe, "bois",,10\n999004,Table,10\n`,
    );
    const result = await runCli(
      ['model', 'eval', '--model', path.join(dir, 'missing-model'), '--data', file],
      env,
    );
    // The model folder is checked first; use it to prove the message, then train for real below.
    assert.equal(result.code, 1);
    assert.match(result.stderr, /missing-model is not a model folder: model\.onnx is missing/);

    const trained = await runCli(
      [
        'model',
        'train',
        '--data',
        file,
        '--out',
        path.join(dir, 'm0'),
        '--algo',
        'cnb',
        '--folds',
        '2',
        '--holdout',
        '0',
      ],
      env,
    );
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(trained.stderr, /mixed\.csv line \d+: unknown prdtypecode "1234"/);
    assert.match(trained.stderr, /mixed\.csv line \d+: empty designation/);
    assert.match(trained.stderr, /mixed\.csv line \d+: not valid CSV/);
    assert.match(trained.stderr, /read 199 rows, skipped 4/);
  });

  it('trains from the challenge pair, writes the three files, and evaluates them with JSON last', async () => {
    const out = path.join(dir, 'model');
    const trained = await runCli(
      [
        'model',
        'train',
        '--x',
        realFile('X_sample.csv'),
        '--y',
        realFile('Y_sample.csv'),
        '--out',
        out,
        '--algo',
        'svm',
        '--folds',
        '3',
        '--holdout',
        '0.2',
      ],
      env,
    );
    assert.equal(trained.code, 0, trained.stderr);
    const summary = JSON.parse(trained.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    assert.equal(summary.family, 'svm');
    assert.equal(summary.rows, 892);
    for (const file of ['model.onnx', 'featurizer.json', 'card.json'])
      assert.ok(fs.existsSync(path.join(out, file)), file);
    const card = JSON.parse(fs.readFileSync(path.join(out, 'card.json'), 'utf8')) as ModelCard & {
      holdout: { weightedF1: number };
    };
    assert.equal(card.family, 'svm');
    assert.equal(card.data.rows, 892);
    assert.equal(card.data.holdoutRows + card.data.trainRows, 892);
    assert.match(card.data.hash, /^[0-9a-f]{64}$/);
    assert.equal(card.seed, 42);
    assert.ok(card.holdout.weightedF1 > 0.3, `holdout F1 ${card.holdout.weightedF1}`);
    assert.equal(typeof card.cv.ece, 'number');
    assert.equal(typeof card.packages['onnxruntime-node'], 'string');
    assert.equal(typeof card.timing.totalSeconds, 'number');

    const evaluated = await runCli(
      ['model', 'eval', '--model', out, '--data', realFile('raw.csv')],
      env,
    );
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const last = JSON.parse(evaluated.stdout.trim().split('\n').pop()!) as Record<string, number>;
    assert.equal(last.n, 892);
    for (const key of ['weighted_f1', 'macro_f1', 'accuracy']) {
      assert.ok(last[key]! > 0 && last[key]! <= 1, `${key} ${last[key]}`);
    }

    const predicted = await runCli(
      [
        'model',
        'predict',
        '--model',
        out,
        '--designation',
        'Piscine tubulaire Intex 3,05 m',
        '--description',
        '<p>Avec pompe de filtration</p>',
      ],
      env,
    );
    assert.equal(predicted.code, 0, predicted.stderr);
    const prediction = JSON.parse(predicted.stdout) as {
      category_code: number;
      confidence: number;
      top_k: unknown[];
    };
    assert.ok((CATEGORY_CODES as readonly number[]).includes(prediction.category_code));
    assert.ok(prediction.confidence > 0 && prediction.confidence <= 1);
    assert.equal(prediction.top_k.length, 3);
  });

  it('gives byte-identical files for the same data and seed', async () => {
    const args = (out: string) => [
      'model',
      'train',
      '--data',
      realFile('raw.csv'),
      '--out',
      out,
      '--algo',
      'auto',
      '--folds',
      '2',
      '--seed',
      '7',
    ];
    const [a, b] = await Promise.all([
      runCli(args(path.join(dir, 'a')), env),
      runCli(args(path.join(dir, 'b')), env),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    for (const file of ['model.onnx', 'featurizer.json']) {
      assert.ok(
        fs
          .readFileSync(path.join(dir, 'a', file))
          .equals(fs.readFileSync(path.join(dir, 'b', file))),
        file,
      );
    }
    const card = (d: string) => {
      const c = JSON.parse(fs.readFileSync(path.join(dir, d, 'card.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      delete c.timing;
      return c;
    };
    assert.deepEqual(card('a'), card('b'));
  });
});
