/**
 * One scaling run in a process of its own, so its peak RSS is its own:
 *   node --import tsx bench/scale-run.ts ROWS
 * Prints one JSON line.
 */
import type { LabelledRow } from '../models/data/labelled-rows';
import { trainClassifier } from '../models/train/train-classifier';
import { generateCatalogue } from '../synthetic';

const rows = Number(process.argv[2] ?? 10_000);
const data: LabelledRow[] = [];
let line = 1;
for (const p of generateCatalogue({ rows, seed: 1 })) {
  data.push({
    designation: p.designation,
    description: p.description,
    prdtypecode: p.prdtypecode,
    line: ++line,
  });
}
async function main(): Promise<void> {
  const started = performance.now();
  const trained = await trainClassifier(data, {
    families: ['svm'],
    seed: 1,
    folds: 2,
    holdout: 0.1,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      rows,
      seconds,
      featurizeSeconds: trained.timing.featurizeSeconds,
      features: trained.model.fitted.vocabulary.idf.length,
      holdoutWeightedF1: trained.holdout?.weightedF1,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
