import type { ModelArtifacts } from './artifacts';
import { parseFeaturizer } from './artifacts';
import type { ModelCard } from './card';
import { CATEGORIES } from './categories';
import type { Featurizer } from './features/featurizer';
import type { FeatureParams } from './features/params';
import { OnnxScorer } from './onnx/onnx-scorer';

/** One of the most likely codes. */
export interface Candidate {
  code: number;
  category: string;
  confidence: number;
}

/**
 * A product's predicted category, named as the API's JSON names it, so nothing renames it on the
 * way out.
 */
export interface Prediction {
  /** The predicted prdtypecode. */
  category_code: number;
  /** Its French name. */
  category: string;
  confidence: number;
  /** The most likely codes, most likely first. */
  top_k: Candidate[];
}

/**
 * A model version ready to serve: the shared featurizer in front of the ONNX graph, which
 * onnxruntime runs. Loaded once, then reused for every prediction.
 */
export class Classifier {
  private constructor(
    readonly card: ModelCard,
    private readonly featurizer: Featurizer,
    private readonly scorer: OnnxScorer,
  ) {}

  static async load(artifacts: ModelArtifacts): Promise<Classifier> {
    const card = JSON.parse(artifacts.card) as ModelCard;
    return new Classifier(
      card,
      parseFeaturizer(artifacts.featurizer),
      await OnnxScorer.load(artifacts.onnx),
    );
  }

  async predict(designation: string, description?: string | null, topK = 3): Promise<Prediction> {
    const row = this.featurizer.transform(designation, description);
    const { probabilities, label } = await this.scorer.score(row.indices, row.values);
    const codes = this.card.codes;
    const order = Array.from(codes.keys())
      .sort((a, b) => probabilities[b]! - probabilities[a]!)
      .slice(0, topK);
    const name = (code: number) => CATEGORIES[code as keyof typeof CATEGORIES] ?? String(code);
    return {
      category_code: label,
      category: name(label),
      confidence: probabilities[codes.indexOf(label)]!,
      top_k: order.map((i) => ({
        code: codes[i]!,
        category: name(codes[i]!),
        confidence: probabilities[i]!,
      })),
    };
  }

  /** The featurizer's settings and its one-word terms: what a drift check counts tokens over. */
  featurizerInfo(): { params: FeatureParams; unigrams: ReadonlySet<string> } {
    const { params, vocabulary } = this.featurizer;
    return { params, unigrams: new Set(vocabulary.words.filter((w) => !w.includes(' '))) };
  }

  /** Featurises only; for batch evaluation through the same path. */
  features(designation: string, description?: string | null) {
    return this.featurizer.transform(designation, description);
  }

  scoreFeatures(indices: Int32Array, values: Float32Array) {
    return this.scorer.score(indices, values);
  }

  release(): Promise<void> {
    return this.scorer.release();
  }
}
