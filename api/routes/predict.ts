import type { Predictor } from '../serving/predictor';
import type { ProductText } from '../serving/product-text';
import { ApiError } from '../errors';
import { errorResponse, RETRY_AFTER } from '../responses/errors';
import { route } from '../route';
import type { Auth, Route } from '../route';
import { batchInput, batchPrediction, MAX_BATCH_ITEMS, prediction, productInput } from '../schemas';

const unavailable = errorResponse(
  'no model is loaded yet (code `no_model`), an inference thread died under the request ' +
    '(`inference_unavailable`), or MAX_INFLIGHT products are in flight on this server ' +
    '(`overloaded`, refused at once)',
  RETRY_AFTER,
);

const PREDICT: Auth = { scope: 'predict', onlyIf: 'predictRequireToken' };

/** The characters a batch asks the featurizer to read: what its CPU time grows with. */
function characters(items: readonly ProductText[]): number {
  let total = 0;
  for (const item of items) total += item.designation.length + item.description.length;
  return total;
}

/** POST /predict and /predict/batch: the hot routes, behind a token only when one is required. */
export function predictRoutes(predictor: Predictor, limits: { maxBatchChars: number }): Route[] {
  const { maxBatchChars } = limits;
  return [
    route({
      method: 'post',
      path: '/predict',
      operationId: 'predict',
      summary: 'Classify one product',
      tag: 'predict',
      auth: PREDICT,
      shedsLoad: true,
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
      description: `Every item is scored by the same model version. The items' designations and descriptions together hold at most ${maxBatchChars.toLocaleString('en')} characters (MAX_BATCH_CHARS).`,
      tag: 'predict',
      auth: PREDICT,
      shedsLoad: true,
      body: batchInput,
      responses: {
        200: { description: 'one prediction per item, in order', body: batchPrediction },
        413: errorResponse(
          `the body is over 1 MB, or its items hold over ${maxBatchChars.toLocaleString('en')} characters (code \`batch_too_large\`)`,
        ),
        503: unavailable,
      },
      handler: async (_req, res, batch) => {
        const chars = characters(batch.items);
        if (chars > maxBatchChars) {
          throw new ApiError(
            413,
            'batch_too_large',
            `the items hold ${chars} characters, over the ${maxBatchChars} a batch may hold: split it`,
          );
        }
        res.json(await predictor.predictBatch(batch.items));
      },
    }),
  ];
}
