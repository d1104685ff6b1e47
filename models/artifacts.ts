import fs from 'node:fs';
import path from 'node:path';
import type { ModelCard } from './card';
import { ModelFilesError } from './errors';
import { Featurizer } from './features/featurizer';
import type { FeaturizerJson } from './features/featurizer';
import { exportOnnx } from './onnx/graph';
import type { TrainedClassifier } from './train/train-classifier';

export const MODEL_FILE = 'model.onnx';
export const FEATURIZER_FILE = 'featurizer.json';
export const CARD_FILE = 'card.json';

export interface ModelArtifacts {
  onnx: Uint8Array;
  featurizer: string;
  card: string;
}

/** The three files of a model version, as bytes: the same training gives the same bytes. */
export function buildArtifacts(trained: TrainedClassifier, card: ModelCard): ModelArtifacts {
  const { model } = trained;
  const featurizer = new Featurizer(trained.featureParams, model.fitted.vocabulary);
  const onnx = exportOnnx({
    params: model.params,
    temperature: model.temperature,
    codes: trained.codes,
    metadata: { family: model.family, dataHash: trained.data.hash },
  });
  return {
    onnx,
    featurizer: JSON.stringify(featurizer.toJSON()),
    card: `${JSON.stringify(card, null, 2)}\n`,
  };
}

export function writeArtifacts(dir: string, artifacts: ModelArtifacts): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MODEL_FILE), artifacts.onnx);
  fs.writeFileSync(path.join(dir, FEATURIZER_FILE), artifacts.featurizer);
  fs.writeFileSync(path.join(dir, CARD_FILE), artifacts.card);
}

export function readArtifacts(dir: string): ModelArtifacts {
  const read = (file: string) => {
    const full = path.join(dir, file);
    if (!fs.existsSync(full))
      throw new ModelFilesError(`${dir} is not a model folder: ${file} is missing`);
    return fs.readFileSync(full);
  };
  return {
    onnx: read(MODEL_FILE),
    featurizer: read(FEATURIZER_FILE).toString('utf8'),
    card: read(CARD_FILE).toString('utf8'),
  };
}

export function parseFeaturizer(json: string): Featurizer {
  return Featurizer.fromJSON(JSON.parse(json) as FeaturizerJson);
}
