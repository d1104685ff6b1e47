import { readArtifacts } from '../../models/artifacts';
import { Classifier } from '../../models/classifier';
import { UserError } from '../user-error';

export async function runPredict(options: {
  model: string;
  title: string;
  description?: string;
  top: number;
}): Promise<void> {
  if (options.title.trim() === '') throw new UserError('--title must not be empty');
  const classifier = await Classifier.load(readArtifacts(options.model));
  const prediction = await classifier.predict(options.title, options.description, options.top);
  await classifier.release();
  process.stdout.write(`${JSON.stringify(prediction)}\n`);
}
