import type { Classifier } from '../../models/classifier';
import { ModelLoadError } from './model-files';

/** A model must give a finite, normalised answer on a known product before it may serve. */
export async function smokeTest(version: string, classifier: Classifier): Promise<void> {
  const smoke = await classifier.predict('Piscine tubulaire 300 x 76 cm', 'avec pompe');
  const total = smoke.top_k.reduce((sum, t) => sum + t.confidence, 0);
  if (!Number.isFinite(smoke.confidence) || !(total > 0 && total <= 1 + 1e-6)) {
    throw new ModelLoadError(`${version} fails its smoke test: ${JSON.stringify(smoke)}`);
  }
}
