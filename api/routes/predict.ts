import type { Predictor } from '../serving/predictor';
import { errorResponse, RETRY_AFTER } from '../responses/errors';
import { route } from '../route';
import type { Route } from '../route';
import { batchInput, batchPrediction, MAX_BATCH_ITEMS, prediction, productInput } from '../schemas';

const unavailable = errorResponse(
  'no model is loaded yet, or an inference thread died under the request',
  RETRY_AFTER,
);

/** POST /predict and /predict/batch: the hot routes, behind a token only when one is required. */
export function predictRoutes(predictor: Predictor): Route[] {
  return [
    route({
      method: 'post',
      path: '/predict',
      operationId: 'predict',
      summary: 'Classify one product',
      tag: 'predict',
      auth: 'optional',
      body: productInput,
      responses: { 200: { description: 'the prediction', body: prediction }, 503: unavailable },
      handler: async (_req, res, product) => {
        res.json(await predictor.predict(product));
      },
    }),
    route({
      method: 'post',
      path: '/predict/batch',
      operationId: 'predictBatch',
      summary: `Classify up to ${MAX_BATCH_ITEMS.toLocaleString('en')} products`,
      description: 'Every item is scored by the same model version.',
      tag: 'predict',
      auth: 'optional',
      body: batchInput,
      responses: {
        200: { description: 'one prediction per item, in order', body: batchPrediction },
        503: unavailable,
      },
      handler: async (_req, res, batch) => {
        res.json(await predictor.predictBatch(batch.items));
      },
    }),
  ];
}
