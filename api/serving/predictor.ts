import type { Prediction } from '../../models/classifier';
import { OverloadError } from './inference-pool';
import type { ScoredProduct } from './inference-messages';
import type { LoadedModel } from './loaded-model';
import type { ServingMetrics } from './metrics';
import type { ModelManager } from './model-manager';
import type { PredictionLog, PredictionLogRow } from './prediction-log';
import type { ProductText } from './product-text';

export interface PredictionResponse extends Prediction {
  model_version: string;
}

/** No model has been loaded yet: prediction endpoints answer 503 until one is. */
export class NoModelError extends Error {
  override name = 'NoModelError';
}

const TOP_K = 3;

/**
 * Predictions on the active model, each logged off the response path, and (for a sample of
 * requests) scored by the shadow model after the response is on its way.
 */
export class Predictor {
  private shadowScored = 0;
  private shadowAgreed = 0;

  constructor(
    private readonly manager: ModelManager,
    private readonly log: PredictionLog,
    private readonly metrics: ServingMetrics,
    private readonly shadowSample: number,
    private readonly random: () => number = Math.random,
  ) {}

  async predict(product: ProductText): Promise<PredictionResponse> {
    const { predictions } = await this.predictBatch([product]);
    return predictions[0]!;
  }

  /** One model for all the products, even if a swap lands while they are scored. */
  async predictBatch(
    products: ProductText[],
  ): Promise<{ predictions: PredictionResponse[]; model_version: string }> {
    const model = this.acquire();
    try {
      const scored = await model.predict(products, TOP_K);
      return {
        predictions: scored.map((s, i) => this.record(model, products[i]!, s)),
        model_version: model.version,
      };
    } catch (error) {
      // Refused after its body was read: the pool filled up since the request arrived.
      if (error instanceof OverloadError) this.metrics.overloadRejections.inc();
      throw error;
    } finally {
      model.release();
    }
  }

  private acquire(): LoadedModel {
    const model = this.manager.active;
    if (!model)
      throw new NoModelError('no model is loaded yet: the first training has not finished');
    return model.acquire();
  }

  private record(model: LoadedModel, product: ProductText, s: ScoredProduct): PredictionResponse {
    const p = s.prediction;
    this.metrics.predictionLatency.observe(s.latencyMs);
    this.metrics.confidence.observe(p.confidence);
    this.metrics.predictionsByCategory.inc({ category_code: p.category_code });
    const row: PredictionLogRow = {
      at: new Date(),
      model_version: model.version,
      input_sha256: s.inputSha256,
      title_length: product.designation.length,
      description_length: product.description.length,
      predicted_code: p.category_code,
      confidence: p.confidence,
      latency_ms: s.latencyMs,
      shadow_version: null,
      shadow_code: null,
      shadow_confidence: null,
    };
    const shadow = this.manager.shadow;
    if (shadow && shadow !== model && this.random() < this.shadowSample) {
      shadow.acquire();
      // After the response: the shadow never delays nor changes it.
      setImmediate(() => void this.shadowScore(shadow, product, p.category_code, row));
    } else {
      this.log.push(row);
    }
    return { ...p, model_version: model.version };
  }

  private async shadowScore(
    shadow: LoadedModel,
    product: ProductText,
    primaryCode: number,
    row: PredictionLogRow,
  ): Promise<void> {
    try {
      const [s] = await shadow.predict([product], 1);
      const agreed = s!.prediction.category_code === primaryCode;
      this.metrics.shadowPredictions.inc({ agreed: String(agreed) });
      this.shadowScored++;
      if (agreed) this.shadowAgreed++;
      this.metrics.shadowAgreement.set(this.shadowAgreed / this.shadowScored);
      row.shadow_version = shadow.version;
      row.shadow_code = s!.prediction.category_code;
      row.shadow_confidence = s!.prediction.confidence;
    } catch {
      // A shadow failure is the shadow's problem: the champion's row is logged all the same.
    } finally {
      shadow.release();
      this.log.push(row);
    }
  }
}
