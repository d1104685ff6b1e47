import { readArtifacts } from '../../models/artifacts';
import { Classifier } from '../../models/classifier';
import { UserError } from '../user-error';

export async function runPredict(options: {
  model: string;
  designation?: string;
  title?: string;
  description?: string;
  top: number;
}): Promise<void> {
  const designation = options.designation ?? options.title;
  if (designation === undefined) throw new UserError('--designation is required');
  if (designation.trim() === '') throw new UserError('--designation must not be empty');
  const classifier = await Classifier.load(readArtifacts(options.model));
  const prediction = await classifier.predict(designation, options.description, options.top);
  await classifier.release();
  process.stdout.write(`${JSON.stringify(prediction)}\n`);
}
