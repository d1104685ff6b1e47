import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { Predictor } from '../serving/predictor';
import { batchInput, productInput } from '../schemas';

/** POST /predict and /predict/batch, behind `auth` when predictions require a token. */
export function predictRouter(predictor: Predictor, auth?: RequestHandler): Router {
  const router = Router();
  const guard: RequestHandler[] = auth ? [auth] : [];
  router.post('/predict', ...guard, async (req, res) => {
    res.json(await predictor.predict(productInput.parse(req.body)));
  });
  router.post('/predict/batch', ...guard, async (req, res) => {
    res.json(await predictor.predictBatch(batchInput.parse(req.body).items));
  });
  return router;
}
