import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric the prediction service exports, on a registry of its own. */
export function createServingMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ms = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000];
  // Read at scrape time, not kept up to date on every request.
  let inflight = () => 0;
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_ms',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: ms,
      registers: [registry],
    }),
    predictionLatency: new Histogram({
      name: 'prediction_latency_ms',
      help: 'featurise + inference time of one product',
      buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    confidence: new Histogram({
      name: 'prediction_confidence',
      help: 'probability of the predicted class',
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99],
      registers: [registry],
    }),
    predictionsByCategory: new Counter({
      name: 'predictions_total',
      help: 'predictions served, by predicted code',
      labelNames: ['category_code'],
      registers: [registry],
    }),
    activeModel: new Gauge({
      name: 'model_active_info',
      help: 'the model version serving (value 1)',
      labelNames: ['version'],
      registers: [registry],
    }),
    modelLoadSeconds: new Histogram({
      name: 'model_load_seconds',
      help: 'time to fetch, verify, load and smoke-test a model version',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    modelLoadFailures: new Counter({
      name: 'model_load_failures_total',
      help: 'model versions that failed to load and were not switched in',
      registers: [registry],
    }),
    shadowPredictions: new Counter({
      name: 'shadow_predictions_total',
      help: 'requests the shadow model scored, by whether it agreed with the champion',
      labelNames: ['agreed'],
      registers: [registry],
    }),
    shadowAgreement: new Gauge({
      name: 'shadow_agreement_ratio',
      help: 'share of shadow-scored requests where the shadow agreed with the champion',
      registers: [registry],
    }),
    inferenceInflight: new Gauge({
      name: 'inference_inflight_products',
      help: 'products sent to the inference threads and not scored yet',
      registers: [registry],
      collect() {
        this.set(inflight());
      },
    }),
    inflightLimit: new Gauge({
      name: 'inference_inflight_limit',
      help: 'MAX_INFLIGHT: products in flight beyond which predictions are refused with 503',
      registers: [registry],
    }),
    overloadRejections: new Counter({
      name: 'inference_overload_rejections_total',
      help: 'prediction requests refused with 503 because MAX_INFLIGHT products were in flight',
      registers: [registry],
    }),
    inferenceThreadRestarts: new Counter({
      name: 'inference_thread_restarts_total',
      help: 'inference threads that stopped and were replaced',
      registers: [registry],
    }),
    /** Where the in-flight gauge reads its value. */
    measureInflight(source: () => number): void {
      inflight = source;
    },
    logDropped: new Counter({
      name: 'prediction_log_dropped_total',
      help: 'prediction log rows dropped (buffer full or PostgreSQL unavailable)',
      registers: [registry],
    }),
  };
}

export type ServingMetrics = ReturnType<typeof createServingMetrics>;
